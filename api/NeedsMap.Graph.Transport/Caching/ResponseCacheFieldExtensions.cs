using GraphQL;
using GraphQL.Types;

namespace NeedsMap.Graph.Transport.Caching;

public static class ResponseCacheFieldExtensions
{
    internal const string DependencyKey = "NeedsMap.Graph.Transport.ResponseCache.Dependency";

    /// <summary>
    /// Declares a root query field's response cacheable: its answer, its whole subtree included, is decided by its arguments,
    /// the caller's <see cref="ICallerPartition"/> key and the version of <paramref name="dependency"/> (an
    /// <see cref="IResponseCacheDependency"/> registered as a singleton), and reading it has no side effect such as an audit
    /// entry. Operations whose root fields are all declared so are answered from <see cref="GraphQLResponseCache"/>.
    /// </summary>
    public static TMetadataWriter CacheResponse<TMetadataWriter>(this TMetadataWriter field, Type dependency)
        where TMetadataWriter : IMetadataWriter
    {
        if (!typeof(IResponseCacheDependency).IsAssignableFrom(dependency))
            throw new ArgumentException($"{dependency} does not implement {nameof(IResponseCacheDependency)}.", nameof(dependency));
        return field.WithMetadata(DependencyKey, dependency);
    }

    internal static Type? ResponseCacheDependency(this FieldType field) => field.GetMetadata<Type?>(DependencyKey);
}
