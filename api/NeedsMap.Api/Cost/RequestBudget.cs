using NeedsMap.Api.Failures;

namespace NeedsMap.Api.Cost;

/// <summary>
/// One request's (or one WebSocket operation's) time budget, per service scope: who pays for it and the deadline that
/// cancels its database work. Npgsql turns a cancelled token into a cancel request to PostgreSQL, so the statement stops
/// on the server, not only in the client.
/// </summary>
public sealed class RequestBudget : IRequestDeadline, IDisposable
{
    private CancellationTokenSource? _timer;
    private CancellationTokenSource? _linked;

    /// <summary>The caller's partition in <see cref="CallerGate"/>; null when the request is not metered.</summary>
    public string? CallerKey { get; private set; }

    public CostLimit? Limit { get; private set; }

    /// <summary>True when the HTTP request already holds one of its caller's turns (<see cref="CostMiddleware"/>).</summary>
    public bool Admitted { get; set; }

    public TimeSpan Allowed { get; private set; }

    /// <summary>True once the deadline (not the client) cancelled the request.</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    public string ExpiredMessage => $"The request ran past its database time budget ({Allowed.TotalSeconds:0.#} s).";

    public void Meter(string callerKey, CostLimit limit)
    {
        CallerKey = callerKey;
        Limit = limit;
    }

    /// <summary>Starts the deadline; the token cancels when <paramref name="outer"/> does or the time is up.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last",
        Justification = "outer is the token this budget links to and narrows, not a token that cancels this call.")]
    public CancellationToken Start(CancellationToken outer, TimeSpan allowed)
    {
        Allowed = allowed;
        _timer = new CancellationTokenSource(allowed);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timer.Token);
        return _linked.Token;
    }

    /// <summary>Gives a request that turned out to run maintenance (or a subscription, which lives on) a new deadline.</summary>
    public void Extend(TimeSpan allowed)
    {
        if (_timer is null || _timer.IsCancellationRequested)
        {
            return;
        }
        Allowed = allowed;
        _timer.CancelAfter(allowed == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : allowed);
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
