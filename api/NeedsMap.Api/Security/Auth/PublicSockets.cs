using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// Sockets of callers without a token, who may follow public aggregates (cellChanged, keyMattersChanged, warningRaised):
/// at most <see cref="PublicViewOptions.MaxSocketsPerAddress"/> per address and <see cref="PublicViewOptions.MaxSockets"/>
/// in all (over either, connection_init is refused and the socket closes 4403), each with its own budget of subscribe
/// messages (<see cref="PublicSubscribeBudget"/>). Signed-in callers' sockets are not counted here.
/// </summary>
public sealed class PublicSockets(IOptions<PublicViewOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private int _total;

    public int Open => Volatile.Read(ref _total);

    /// <summary>A lease to dispose when the socket ends, or null when a limit is reached.</summary>
    public IDisposable? TryOpen(string address)
    {
        var limits = options.Value;
        if (Interlocked.Increment(ref _total) > limits.MaxSockets)
        {
            Interlocked.Decrement(ref _total);
            return null;
        }
        var count = _perAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (count > limits.MaxSocketsPerAddress)
        {
            Release(address);
            return null;
        }
        return new Lease(this, address);
    }

    private void Release(string address)
    {
        Interlocked.Decrement(ref _total);
        // Remove the address once its last socket ends, so the table holds open addresses only.
        if (_perAddress.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _perAddress.TryRemove(KeyValuePair.Create(address, 0));
        }
    }

    private sealed class Lease(PublicSockets owner, string address) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(address);
            }
        }
    }
}

/// <summary>
/// One public socket's subscribe messages (subscriptions or queries over the socket): <see cref="PublicViewOptions.SubscribesPerMinute"/>
/// in any minute; beyond it a subscribe is refused with RATE_LIMITED.
/// </summary>
public sealed class PublicSubscribeBudget(int perMinute, TimeProvider time)
{
    public const string ItemKey = "NeedsMap.PublicSubscribeBudget";
    private readonly Queue<DateTimeOffset> _recent = new();

    public int PerMinute => perMinute;

    /// <summary>Null to admit the subscribe; an error when the socket is the public's and over its budget.</summary>
    public static GraphQL.ExecutionError? Admit(HttpContext upgrade) =>
        upgrade.Items.TryGetValue(ItemKey, out var value) && value is PublicSubscribeBudget budget && !budget.TryTake()
            ? new GraphQL.ExecutionError($"This socket without a token sent more than {budget.PerMinute} subscribe messages in a minute; wait, or sign in.")
            {
                Code = ErrorCodes.RateLimited,
            }
            : null;

    public bool TryTake()
    {
        lock (_recent)
        {
            var now = time.GetUtcNow();
            while (_recent.Count > 0 && now - _recent.Peek() >= TimeSpan.FromMinutes(1))
            {
                _recent.Dequeue();
            }
            if (_recent.Count >= perMinute)
            {
                return false;
            }
            _recent.Enqueue(now);
            return true;
        }
    }
}
