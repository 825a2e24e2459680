namespace NeedsMap.Api.Reference;

/// <summary>The catalog every feature reads (categories, channels, jurisdictions), the city's clock and its external labels.</summary>
public static class ReferenceModule
{
    public static IServiceCollection AddNeedsMapReference(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CityClock>();
        services.AddSingleton<ReferenceData>();
        services.AddSingleton<ExternalLabelMap>();
        // Run by Data's DatabaseInitializer at start: the catalog seeded first, the snapshot loaded after every seed.
        services.AddSingleton<Data.IDatabaseSeed, ReferenceSeed>();
        services.AddSingleton<Data.IDatabaseReady, ReferenceReady>();
        return services;
    }
}
