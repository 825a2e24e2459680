using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>The test host on a hand-moved clock, so a test can turn the city day over.</summary>
public sealed class ClockedWeatherHost() : ClockedHost(Start)
{
    /// <summary>Noon of 2026-06-30 in the city (Asia/Shanghai).</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 30, 4, 0, 0, TimeSpan.Zero);
}
