using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.KeyMatters;

internal static class KeyMatterTestData
{
    public const string Window = """window: { lastDay: "2026-06-30", days: 30 }""";

    public static Task ResetAsync(NeedsMapHost host) => host.ExecuteSqlAsync("""
        TRUNCATE needs, need_history, cases, key_matter_needs, key_matter_demand, topic_terms,
          cell_demand, cell_demand_blocks, cells RESTART IDENTITY CASCADE
        """);

    public static async Task AddAsync(NeedsMapHost host, string text, GeoPoint at, DateTimeOffset receivedAt, string? reporter = null,
        string? group = null, string channel = "12345", string category = "noise.construction")
    {
        await using var scope = host.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<NeedIngestion>();
        await ingestion.IngestAsync(new IncomingNeed(channel, Guid.NewGuid().ToString("N"), 1, receivedAt, text, at, CoordinateSystem.Wgs84, null,
            category, "test") { ReporterKey = reporter, ReporterGroup = group }, CancellationToken.None);
    }
}
