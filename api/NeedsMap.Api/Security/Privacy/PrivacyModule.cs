namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// Issue #17, privacy by construction: the public's small-group rule. The masked texts for masked roles' searches are
/// written above Needs (<c>MaskedSearch/MaskedSearchModule</c>, registered right after this one).
/// </summary>
public static class PrivacyModule
{
    public static IServiceCollection AddNeedsMapPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<SmallGroups>();
        return services;
    }
}
