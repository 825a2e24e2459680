namespace NeedsMap.Sdk;

/// <summary>Builds <see cref="NeedRecord.Version"/> values from what sources provide.</summary>
public static class RecordVersion
{
    /// <summary>A version from the source's update time: Unix milliseconds, so later updates win.</summary>
    public static long FromTime(DateTimeOffset updatedAt) => updatedAt.ToUnixTimeMilliseconds();
}
