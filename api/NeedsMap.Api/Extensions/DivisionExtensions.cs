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
        // The city's taxonomy (issue #16 item 2): categories and the table of external labels.
        services.AddScoped<Categories.Admin.CategoryAdmin>();
        services.AddSingleton<Categories.Admin.ExternalLabelMap>();
        services.AddSingleton<IQueryFields, Categories.Admin.CategoryAdminQueries>();
        services.AddSingleton<IMutationFields, Categories.Admin.CategoryAdminMutations>();
        return services;
    }
}
