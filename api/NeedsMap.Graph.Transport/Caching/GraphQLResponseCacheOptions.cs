namespace NeedsMap.Graph.Transport.Caching;

/// <summary>Limits of <see cref="GraphQLResponseCache"/>; set them through <c>AddGraphQLResponseCache(o => ...)</c>.</summary>
public sealed class GraphQLResponseCacheOptions
{
    /// <summary>Bytes of stored responses and their keys together; the least recently used go first.</summary>
    public long MaxBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>A larger response is still served, but not kept.</summary>
    public long MaxEntryBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Documents remembered as cacheable or not, so that other operations cost one lookup; past it the memory starts over.</summary>
    public int MaxRememberedDocuments { get; set; } = 1024;
}
