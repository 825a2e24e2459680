namespace NeedsMap.Graph.Transport.Caching;

/// <summary>
/// What the cache said before execution: a stored body to send (<see cref="Hit"/>), or the key and the dependency
/// versions read up front under which the executed response may be stored (a miss), or neither (bypass).
/// </summary>
internal readonly record struct ResponseCacheLookup(byte[]? Hit, string? Key, IReadOnlyDictionary<Type, object?>? VersionsBefore)
{
    public static ResponseCacheLookup Bypass => default;

    public bool IsMiss => Hit is null && Key is not null;
}
