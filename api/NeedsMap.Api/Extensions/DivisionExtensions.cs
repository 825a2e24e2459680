using NeedsMap.Api.Graph;
using NeedsMap.Api.Divisions;
using NeedsMap.Api.Divisions.Graph;

namespace NeedsMap.Api.Extensions;

/// <summary>A city's own divisions (issue #16): the import behind importDivisions and the import-divisions command.</summary>
internal static class DivisionExtensions
{
    public static IServiceCollection AddNeedsMapDivisions(this IServiceCollection services)
    {
        services.AddScoped<DivisionImport>();
        services.AddScoped<Data.Seeding.ICityDataLoader, CityFolderImport>();
        services.AddSingleton<IMutationFields, DivisionMutations>();
        // The city's taxonomy (issue #16 item 2): categories and the table of external labels.
        services.AddScoped<Taxonomy.CategoryAdmin>();
        services.AddSingleton<Reference.ExternalLabelMap>();
        services.AddSingleton<IQueryFields, Taxonomy.CategoryAdminQueries>();
        services.AddSingleton<IMutationFields, Taxonomy.CategoryAdminMutations>();
        return services;
    }
}
