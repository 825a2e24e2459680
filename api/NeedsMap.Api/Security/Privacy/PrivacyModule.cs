using NeedsMap.Api.Needs.Ingestion;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>Issue #17, privacy by construction: masked texts for masked roles' searches, the public's small-group rule.</summary>
public static class PrivacyModule
{
    public static IServiceCollection AddNeedsMapPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<INeedWriteHook, MaskedTextWriter>();
        services.AddSingleton<MaskedTextIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<MaskedTextIndexer>());
        services.AddSingleton<INeedCatchUp>(sp => sp.GetRequiredService<MaskedTextIndexer>());
        services.AddSingleton<SmallGroups>();
        return services;
    }
}
