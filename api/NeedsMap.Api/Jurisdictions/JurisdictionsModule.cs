using NeedsMap.Api.Graph;
using NeedsMap.Api.Jurisdictions.Boundaries;
using NeedsMap.Api.Jurisdictions.Import;

namespace NeedsMap.Api.Jurisdictions;

/// <summary>The city's divisions as jurisdictions: their import, boundaries, the address gazetteer and <c>jurisdictions</c>.</summary>
public static class JurisdictionsModule
{
    public static IServiceCollection AddNeedsMapJurisdictions(this IServiceCollection services)
    {
        services.AddSingleton<AddressGazetteer>();
        services.AddScoped<JurisdictionImporter>();
        services.AddScoped<JurisdictionBoundaryLoader>();
        services.AddSingleton<BoundaryGeoJson>();
        services.AddSingleton<IQueryFields, JurisdictionQueries>();
        return services;
    }
}
