using NeedsMap.Api.Graph;
using NeedsMap.Api.Jurisdictions.Divisions;
using NeedsMap.Api.Jurisdictions.Divisions.Graph;

namespace NeedsMap.Api.Extensions;

/// <summary>A city's own divisions (issue #16): the import behind importDivisions and the import-divisions command.</summary>
internal static class DivisionExtensions
{
    public static IServiceCollection AddNeedsMapDivisions(this IServiceCollection services)
    {
        services.AddScoped<DivisionImport>();
        services.AddSingleton<IMutationFields, DivisionMutations>();
        return services;
    }
}
