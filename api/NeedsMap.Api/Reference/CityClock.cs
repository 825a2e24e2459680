namespace NeedsMap.Api.Reference;

/// <summary>The city's clock and time zone: days, weeks and months are the city's, not UTC's.</summary>
public sealed class CityClock(TimeProvider time, IConfiguration configuration)
{
    public string TimeZoneId { get; } = configuration["NeedsMap:TimeZone"] ?? "Asia/Shanghai";

    public DateTimeOffset Now => time.GetUtcNow();
}
