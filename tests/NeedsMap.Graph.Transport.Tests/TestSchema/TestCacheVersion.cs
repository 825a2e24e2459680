using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>The data behind cachedGreeting: a version a test moves or switches off, and how often the field really ran.</summary>
public sealed class TestCacheVersion : IResponseCacheDependency
{
    private long _version;
    private int _computed;

    public bool Available { get; set; } = true;

    public object? CurrentVersion => Available ? Interlocked.Read(ref _version) : null;

    public int Computed => Volatile.Read(ref _computed);

    public void Bump() => Interlocked.Increment(ref _version);

    public int Compute() => Interlocked.Increment(ref _computed);
}
