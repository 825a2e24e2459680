using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.KeyMatters;

namespace NeedsMap.Api.Tests.Cli;

public sealed class RebuildKeyMattersCommandTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => KeyMatterTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> KeyMattersAsync()
    {
        var result = await host.GraphQLAsync($$"""{ keyMatters({{KeyMatterTestData.Window}}) { records cases residents } }""");
        Assert.Null(result["errors"]);
        return result["data"]!["keyMatters"]!.ToJsonString();
    }

    [Fact]
    public async Task rebuild_key_matters_rebuilds_from_the_needs_what_ingestion_counted_and_reports_progress()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var t0 = new DateTimeOffset(2026, 6, 10, 14, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
        {
            await KeyMatterTestData.AddAsync(host, "鸡鸣山工地半夜还在打桩，吵得睡不着", TestNeeds.Offset(at, 300 * i, 0), t0.AddDays(i), reporter: "r" + i);
        }
        var counted = await KeyMattersAsync();
        await host.ExecuteSqlAsync("DELETE FROM key_matter_demand"); // what a COPY load leaves: needs without their counts
        Assert.Equal(0, await DemandRowsAsync());

        var (exit, run) = await CliRun.InvokeAsync([RebuildKeyMattersCommand.Name], host.Services);

        Assert.True(exit == ExitCodes.Ok, run.Error.ToString());
        var lines = run.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["6 of 6 needs linked and counted"], lines[..^1]); // one batch: one progress line, then the summary
        Assert.StartsWith("rebuild-key-matters: 6 needs → ", lines[^1], StringComparison.Ordinal);
        Assert.True(await DemandRowsAsync() > 0);
        Assert.Equal(counted, await KeyMattersAsync());
    }

    private async Task<long> DemandRowsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM key_matter_demand", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
