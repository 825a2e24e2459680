using NeedsMap.Api.Graph;
using NeedsMap.Api.Loop.Lists.Graph;

namespace NeedsMap.Api.Loop.Lists;

/// <summary>The reform list (改革清单) and the one-thing bundles.</summary>
public static class ListsModule
{
    public static IServiceCollection AddNeedsMapLists(this IServiceCollection services)
    {
        services.AddScoped<ReformList>();
        services.AddSingleton<IQueryFields, ListQueries>();
        services.AddSingleton<IMutationFields, ListMutations>();
        return services;
    }
}
