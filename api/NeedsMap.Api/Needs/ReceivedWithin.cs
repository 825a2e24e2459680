using Npgsql;
using NpgsqlTypes;

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

    /// <summary>
    /// <c>AND {column} BETWEEN @received_from AND @received_to</c> when <paramref name="span"/> is known, else nothing; a statement
    /// that uses it gets the two parameters from <see cref="AddParameters"/>.
    /// </summary>
    public static string Condition(ReceivedWithin? span, string column) =>
        span is null ? "" : $"AND {column} BETWEEN @received_from AND @received_to";

    /// <summary>The parameters of <see cref="Condition"/>, when <paramref name="span"/> is known.</summary>
    public static void AddParameters(NpgsqlCommand command, ReceivedWithin? span)
    {
        if (span is { } within)
        {
            command.Parameters.AddWithValue("received_from", NpgsqlDbType.TimestampTz, within.From.UtcDateTime);
            command.Parameters.AddWithValue("received_to", NpgsqlDbType.TimestampTz, within.To.UtcDateTime);
        }
    }

    /// <summary>Throws when fewer needs than the distinct <paramref name="asked"/> were read within <paramref name="span"/>: a span that
    /// left a need out is the caller's mistake, and whatever the need was read for would go wrong quietly without it.</summary>
    public static void EnsureNoneLeftOut(ReceivedWithin? span, long[] asked, int read)
    {
        // Counting the distinct ids only when the read came up short of the array, which is almost never.
        if (span is not null && read < asked.Length && asked.Distinct().Count() is var distinct && read < distinct)
        {
            throw new InvalidOperationException($"{distinct - read} of {distinct} needs were not received within {span}.");
        }
    }
}
