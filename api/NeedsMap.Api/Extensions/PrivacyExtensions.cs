using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Extensions;

/// <summary>Issue #17, privacy by construction: masked texts for masked roles' searches, the public's small-group rule.</summary>
internal static class PrivacyExtensions
{
    public static IServiceCollection AddNeedsMapPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<INeedWriteHook, MaskedTextWriter>();
        services.AddSingleton<MaskedTextIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<MaskedTextIndexer>());
        services.AddSingleton<SmallGroups>();
        services.AddSingleton<Cells.Rollups.PublicCells>();
        return services;
    }
}
