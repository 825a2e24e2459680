using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.KeyMatters;

internal static class KeyMatterTestData
{
    public const string Window = """window: { lastDay: "2026-06-30", days: 30 }""";

    /// <summary>Residents' texts in three near-duplicate groups (piling at night, mixer trucks, parking on the fire lane).</summary>
    public static readonly string[] NearDuplicateTexts =
    [
        "鸡鸣山工地半夜还在打桩，吵得睡不着",
        "鸡鸣山工地半夜还在打桩，吵得人睡不着觉",
        "工地晚上打桩太吵了，睡不着",
        "搅拌车凌晨进出，倒车喇叭一直响",
        "搅拌车凌晨进出工地，喇叭一直在响",
        "小区门口乱停车，堵住消防通道",
    ];

    /// <summary>The category a resident would file <paramref name="text"/> under.</summary>
    public static string CategoryOf(string text) =>
        text.Contains("停车", StringComparison.Ordinal) ? "traffic.parking" : "noise.construction";

    /// <summary>Every need's id, in order.</summary>
    public static async Task<List<long>> NeedIdsAsync(NeedsMapHost host)
    {
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        var ids = new List<long>();
        await using var command = new NpgsqlCommand("SELECT id FROM needs ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

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
            category, "test")
        {
            ReporterKey = reporter,
            ReporterGroup = group,
        }, CancellationToken.None);
    }
}
