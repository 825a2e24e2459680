using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Categories;

/// <summary>The taxonomy as read by every caller (<c>categories</c>); its administration is Taxonomy's.</summary>
public static class CategoriesModule
{
    public static IServiceCollection AddNeedsMapCategories(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, CategoryQueries>();
        return services;
    }
}
