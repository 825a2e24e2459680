using NeedsMap.Api.Areas.Graph;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Areas;

/// <summary>Demand for places (issue #21): service areas that are not jurisdictions, with their trends and forecasts.</summary>
public static class AreasModule
{
    public static IServiceCollection AddNeedsMapAreas(this IServiceCollection services)
    {
        services.AddScoped<ServiceAreaImport>();
        services.AddScoped<ServiceAreaDemand>();
        services.AddScoped<DemoSchoolDistrictsLoader>();
        services.AddSingleton<IQueryFields, ServiceAreaQueries>();
        services.AddSingleton<IMutationFields, ServiceAreaMutations>();
        return services;
    }
}
