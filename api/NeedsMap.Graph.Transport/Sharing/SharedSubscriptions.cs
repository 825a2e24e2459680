using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Graph.Transport.Sharing;

/// <summary>
/// Runs identical subscriptions once. Subscribes with equal caller partitions (<see cref="ICallerPartition"/>), document,
/// operation name, variables and extensions join one <see cref="SharedSubscription"/>, whose events are executed and
/// serialised once and written to each member's socket under its own id: ten thousand community apps watching 544
/// communities cost 544 executions per event, not ten thousand. Queries, mutations, persisted-only documents and
/// subscriptions selecting a <see cref="PerCallerFieldExtensions.RunsPerCaller{T}"/> field always run on their own.
/// </summary>
public sealed class SharedSubscriptions
{
    private const string Transport = "graphql-transport-ws";
    private readonly IServiceScopeFactory _scopes;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly ShareableSubscriptions _shareable;
    private readonly ICallerPartition _partition;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SharedSubscription> _running = new(StringComparer.Ordinal);

    internal SharedSubscriptions(IServiceScopeFactory scopes, IGraphQLTextSerializer serializer, ShareableSubscriptions shareable, ICallerPartition partition)
    {
        _scopes = scopes;
        _serializer = serializer;
        _shareable = shareable;
        _partition = partition;
    }

    /// <summary>Runs under way, each serving one or more subscribes.</summary>
    public int Runs
    {
        get
        {
            lock (_gate)
                return _running.Count;
        }
    }

    /// <summary>Subscribes served by the runs under way.</summary>
    public int Members
    {
        get
        {
            lock (_gate)
                return _running.Values.Sum(r => r.MemberCount);
        }
    }

    /// <summary>The run this request would share; null when it must run on its own.</summary>
    internal string? KeyOf(GraphQLRequest request, HttpContext httpContext, IDictionary<string, object?> userContext)
    {
        if (_partition.KeyOf(httpContext, userContext) is not { } partition || !_shareable.IsShareable(request))
            return null;
        return ResponseCacheKey.For(partition, Transport, request);
    }

    /// <summary>
    /// Joins the run for <paramref name="key"/>, starting it with <paramref name="execute"/> if there is none, and waits for its
    /// execution result: streams (the member now gets every event until it leaves) or what every member gets instead.
    /// </summary>
    internal async Task<(SharedSubscription Run, ExecutionResult Result)> JoinAsync(string key, ISharedSubscriber member,
        Func<SharedSubscription, Task<ExecutionResult>> execute)
    {
        SharedSubscription? run;
        var start = false;
        lock (_gate)
        {
            if (!_running.TryGetValue(key, out run) || !run.TryAdd(member))
            {
                run = new SharedSubscription(this, key, _scopes.CreateAsyncScope(), _serializer);
                run.TryAdd(member);
                _running[key] = run;
                start = true;
            }
        }
        if (start)
            _ = run.StartAsync(execute);
        return (run, await run.Ready);
    }

    internal void Forget(SharedSubscription run)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(run.Key, out var current) && ReferenceEquals(current, run))
                _running.Remove(run.Key);
        }
    }
}
