using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NeedsMap.Graph.Transport.Caching;

/// <summary>
/// Serialised responses of cacheable queries (see <see cref="ResponseCacheFieldExtensions.CacheResponse{TMetadataWriter}"/>)
/// over HTTP, so a repeated question skips validation, execution and serialisation. Kept per caller partition
/// (<see cref="ICallerPartition"/>) and served only while the dependencies' versions are those read before execution.
/// Only complete answers are kept: no errors, no extensions. A request with <c>Cache-Control: no-cache</c> is executed anew,
/// one with <c>no-store</c> is not kept.
/// </summary>
public sealed class GraphQLResponseCache
{
    private readonly IServiceProvider _services;
    private readonly GraphQLResponseCacheOptions _options;
    private readonly CacheableOperations _operations;
    private readonly ResponseStore _store;
    private long _hits;
    private long _misses;
    private long _stored;

    public GraphQLResponseCache(IServiceProvider services, ISchema schema, IOptions<GraphQLResponseCacheOptions> options)
    {
        _services = services;
        _options = options.Value;
        _operations = new CacheableOperations(schema, _options.MaxRememberedDocuments);
        _store = new ResponseStore(_options.MaxBytes);
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Stored => Interlocked.Read(ref _stored);

    public int Count => _store.Count;

    public long Bytes => _store.Bytes;

    public void Clear() => _store.Clear();

    internal ResponseCacheLookup Begin(GraphQLRequest request, string mediaType, HttpContext httpContext, IDictionary<string, object?> userContext)
    {
        if (_operations.IsKnownUncacheable(request))
            return ResponseCacheLookup.Bypass;
        var partition = httpContext.RequestServices.GetRequiredService<ICallerPartition>().KeyOf(httpContext, userContext);
        if (partition is null || ResponseCacheKey.For(partition, mediaType, request) is not { } key)
            return ResponseCacheLookup.Bypass;

        var (noCache, noStore) = Directives(httpContext.Request);
        if (!noCache && _store.Get(key) is { } cached)
        {
            if (cached.IsCurrent)
            {
                Interlocked.Increment(ref _hits);
                return new ResponseCacheLookup(cached.Body, null, null);
            }
            _store.Remove(key, cached);
        }
        Interlocked.Increment(ref _misses);
        return noStore ? ResponseCacheLookup.Bypass : new ResponseCacheLookup(null, key, _operations.AllDependencies.ToDictionary(t => t, t => Dependency(t).CurrentVersion));
    }

    /// <summary>The serialised response when it was kept (write these bytes); null when it may not be (write the result as usual).</summary>
    internal async Task<byte[]?> StoreAsync(ResponseCacheLookup miss, GraphQLRequest request, ExecutionResult result, IGraphQLTextSerializer serializer,
        CancellationToken cancellationToken)
    {
        if (!miss.IsMiss || !result.Executed || result.Errors is { Count: > 0 } || result.Data is null || result.Streams is not null
            || result.Extensions is { Count: > 0 } || result.Document is null || result.Operation is null
            || _operations.DependenciesOf(request, result.Document, result.Operation) is not { } dependencies)
        {
            return null;
        }
        var versions = new List<DependencyVersion>(dependencies.Count);
        foreach (var type in dependencies)
        {
            // A version that moved during execution, or none, means the answer may already be out of date.
            var dependency = Dependency(type);
            if (miss.VersionsBefore!.GetValueOrDefault(type) is not { } before || !Equals(dependency.CurrentVersion, before))
                return null;
            versions.Add(new DependencyVersion(dependency, before));
        }

        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, cancellationToken);
        var body = buffer.ToArray();
        if (body.Length <= _options.MaxEntryBytes && _store.Set(miss.Key!, new CachedResponse(body, versions)))
            Interlocked.Increment(ref _stored);
        return body;
    }

    private IResponseCacheDependency Dependency(Type type) =>
        _services.GetService(type) as IResponseCacheDependency
        ?? throw new InvalidOperationException($"A field declares the response cache dependency {type}, but no such singleton is registered.");

    private static (bool NoCache, bool NoStore) Directives(HttpRequest request)
    {
        if (!CacheControlHeaderValue.TryParse(request.Headers.CacheControl.ToString(), out var control))
            return (false, false);
        return (control.NoCache, control.NoStore);
    }
}
