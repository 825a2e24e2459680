namespace NeedsMap.Api.Needs;

/// <summary>
/// What a caller knows of when the needs it asks for by id were received: every one of them from <see cref="From"/> to
/// <see cref="To"/>, inclusive. Said in a statement's <c>WHERE</c>, it lets PostgreSQL prune the <c>needs</c> partitions
/// outside it when it plans: by id alone, each id probes the primary key of every quarter (44 over a decade).
/// </summary>
public readonly record struct ReceivedWithin(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The span of <paramref name="times"/>; they must not be empty.</summary>
    public static ReceivedWithin Of(IEnumerable<DateTimeOffset> times)
    {
        DateTimeOffset? from = null, to = null;
        foreach (var time in times)
        {
            from = from is null || time < from ? time : from;
            to = to is null || time > to ? time : to;
        }
        return from is null || to is null ? throw new ArgumentException("No times.", nameof(times)) : new(from.Value, to.Value);
    }

    /// <summary>This span with <paramref name="margin"/> added at both ends.</summary>
    public ReceivedWithin Widen(TimeSpan margin) => new(From - margin, To + margin);
}
