using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Taxonomy;

/// <summary>The city's taxonomy (issue #16 item 2): administering categories and the table of external labels.</summary>
public static class TaxonomyModule
{
    public static IServiceCollection AddNeedsMapTaxonomy(this IServiceCollection services)
    {
        services.AddScoped<CategoryAdmin>();
        services.AddSingleton<IQueryFields, CategoryAdminQueries>();
        services.AddSingleton<IMutationFields, CategoryAdminMutations>();
        return services;
    }
}
