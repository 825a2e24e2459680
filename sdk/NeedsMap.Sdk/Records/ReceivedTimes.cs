namespace NeedsMap.Sdk.Records;

/// <summary>
/// The received times a host accepts (<see cref="NeedRecord.ReceivedAt"/>, a note's time): from 2000 to a day past the
/// host's clock. The conformance check holds a plugin to the same bounds, so a record it passes is not refused for its time.
/// </summary>
public static class ReceivedTimes
{
    /// <summary>The earliest received time accepted.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far past the host's clock a received time may lie (clocks and time zones of sources differ).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromDays(1);

    /// <summary>Whether <paramref name="at"/> lies within the accepted bounds when the host's clock reads <paramref name="now"/>.</summary>
    public static bool Plausible(DateTimeOffset at, DateTimeOffset now) => Plausible(at, now, ClockSkew);

    /// <summary>Whether <paramref name="at"/> lies from 2000 to <paramref name="clockSkew"/> past <paramref name="now"/>.</summary>
    public static bool Plausible(DateTimeOffset at, DateTimeOffset now, TimeSpan clockSkew) => at >= Earliest && at <= now + clockSkew;
}
