using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Api.Tests.Weather;

public sealed class CellResponseDayTests(ClockedWeatherHost host) : IClassFixture<ClockedWeatherHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        host.Clock.Set(ClockedWeatherHost.Start);
        await WeatherTestData.ResetAsync(host);
        await TestNeeds.AddAsync(host, "施工噪音", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), receivedAt: ClockedWeatherHost.Start);
        await WeatherTestData.WaitUntilSettledAsync(host);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> ExplanationAsync()
    {
        var result = await host.GraphQLAsync("{ cells(resolution: R500) { explanation } }");
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!["cells"]![0]!["explanation"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_cached_response_for_the_default_window_is_not_served_once_the_city_day_turns()
    {
        var cache = host.Service<GraphQLResponseCache>();
        Assert.Contains("..2026-06-30", await ExplanationAsync(), StringComparison.Ordinal);
        var hits = cache.Hits;
        Assert.Contains("..2026-06-30", await ExplanationAsync(), StringComparison.Ordinal);
        Assert.Equal(hits + 1, cache.Hits);

        host.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Contains("..2026-07-01", await ExplanationAsync(), StringComparison.Ordinal);
    }
}
