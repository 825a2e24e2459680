using NeedsMap.Api.Divisions.Graph;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Divisions;

/// <summary>A city's own divisions (issue #16): the import behind importDivisions, the import-divisions command and a city's data folder.</summary>
public static class DivisionsModule
{
    public static IServiceCollection AddNeedsMapDivisions(this IServiceCollection services)
    {
        services.AddScoped<DivisionImport>();
        services.AddScoped<ICityDataLoader, CityFolderImport>();
        services.AddSingleton<IMutationFields, DivisionMutations>();
        return services;
    }
}
