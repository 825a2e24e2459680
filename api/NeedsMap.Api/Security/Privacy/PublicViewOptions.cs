namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// <c>NeedsMap:PublicView</c>: what callers without a token may hold open. Their sockets may follow public aggregates
/// (cellChanged, keyMattersChanged, warningRaised), under limits of their own, apart from those of signed-in callers:
/// sockets per address and in all, and subscribe messages per socket and minute (the transport's
/// MaxSubscriptionsPerSocket bounds every socket's running operations).
/// </summary>
public sealed class PublicViewOptions
{
    public const string Section = "NeedsMap:PublicView";

    public int MaxSockets { get; set; } = 2_000;
    public int MaxSocketsPerAddress { get; set; } = 10;
    public int SubscribesPerMinute { get; set; } = 30;
}
