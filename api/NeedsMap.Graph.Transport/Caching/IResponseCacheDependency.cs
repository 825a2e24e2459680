namespace NeedsMap.Graph.Transport.Caching;

/// <summary>
/// The data cacheable fields answer from (<see cref="ResponseCacheFieldExtensions.CacheResponse{TMetadataWriter}"/>), seen as
/// a version. A response is served from the cache only while every dependency of its root fields still reports the version
/// read before the response was computed, so a change during execution can never be cached as current. Register as a singleton.
/// </summary>
public interface IResponseCacheDependency
{
    /// <summary>
    /// Compared with <see cref="object.Equals(object?)"/>; it must change whenever an answer could. Null while answers may not
    /// be kept at all, for instance while the change notifications that would move the version cannot be heard.
    /// </summary>
    object? CurrentVersion { get; }
}
