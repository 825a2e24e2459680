using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels.Faults;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>
/// Two paths, one answer (issue #18 item 4): category-filtered cells from the per-category current-window table
/// (<see cref="CellCategoryWindowCounts"/>) against the day rows of <c>cell_demand</c> it stands in for, from the outside
/// (GraphQL with each role's token, the public without one), over random needs, revisions that move and recategorise them,
/// a bulk batch, a category weight change and the city day turning; and the table against a rebuild.
/// </summary>
public sealed class CellCategoryWindowTests(CellWindowHost host) : IClassFixture<CellWindowHost>, IAsyncLifetime
{
    private static readonly DateOnly Today = CellWindowNeeds.Today;
    private readonly CellWindowNeeds _data = new(host, 2027, "c");

    public async Task InitializeAsync()
    {
        host.Clock.Set(ClockedWeatherHost.Start);
        await WeatherTestData.ResetAsync(host);
        await CellWindowCounts.TurnAsync(host.Service<NpgsqlDataSource>(), Today, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>One batch through bulk ingestion, as a bulk file delivers it: needs spread over the span, several categories.</summary>
    private async Task WriteBatchAsync(DateOnly today)
    {
        var noon = new DateTimeOffset(today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        var batch = Enumerable.Range(0, 120).Select(i => new IncomingNeed(i % 4 == 0 ? "zheliban" : "12345", $"bulk-{i}", 1,
            noon.AddDays(-(i * 7 % 155)), "批量诉求", i % 5 == 0 && _data.Written.Count > 0 ? _data.Written[i % _data.Written.Count].At : _data.RandomPlace(),
            CoordinateSystem.Wgs84, null, CellWindowNeeds.Categories[i % CellWindowNeeds.Categories.Length], "test")).ToList();
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None);
        Assert.True(result.Accepted.Count >= batch.Count - 5, $"{result.Rejected.Count} rejected");
    }

    private static readonly (string Name, object Where)[] Filters =
    [
        ("noise (a top-level category and its children)", new { categoryIn = new[] { "noise" } }),
        ("a leaf", new { categoryIn = new[] { "traffic.parking" } }),
        ("two", new { categoryIn = new[] { "noise.square_dance", "education.enrollment" } }),
        ("not noise", new { not = new { categoryIn = new[] { "noise" } } }),
        ("noise and not Jimingshan", new { and = new object[] { new { categoryIn = new[] { "noise" } }, new { not = new { jurisdictionIn = new[] { TestNeeds.Jimingshan } } } } }),
        ("parking or Choucheng's first community", new { or = new object[] { new { categoryIn = new[] { "traffic.parking" } }, new { jurisdictionIn = new[] { TestNeeds.ChouchengFirstCommunity } } } }),
    ];

    private IEnumerable<(string What, string? Token, string Resolution, object? Extra)> Questions()
    {
        var admin = host.Token(RoleRights.CityAdmin);
        var officer = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, subject: "officer");
        var worker = host.Token(RoleRights.CommunityWorker, TestNeeds.ChouchengFirstCommunity, subject: "worker");
        var staff = host.Token(RoleRights.DepartmentStaff, department: "enforcement", subject: "zhao");
        foreach (var resolution in new[] { "R250", "R500", "R1000" })
        {
            foreach (var (name, where) in Filters)
            {
                yield return ($"admin {resolution} {name}", admin, resolution, new { where });
            }
        }
        foreach (var (role, token) in new[] { ("street officer", officer), ("community worker", worker), ("department staff", staff) })
        {
            foreach (var (name, where) in Filters.Take(4))
            {
                yield return ($"{role} R500 {name}", token, "R500", new { where });
            }
            yield return ($"{role} R250 not noise", token, "R250", new { where = Filters[3].Where });
        }
        foreach (var resolution in new[] { "R500", "R1000", "R2500" })
        {
            yield return ($"public {resolution} noise", null, resolution, new { where = Filters[0].Where });
            yield return ($"public {resolution} not noise", null, resolution, new { where = Filters[3].Where });
        }
        yield return ("public R500 jurisdictionCode noise", null, "R500", new { jurisdictionCode = TestNeeds.Choucheng, where = Filters[0].Where });
        var centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        yield return ("admin R250 bbox noise", admin, "R250", new { where = Filters[0].Where, bbox = new { west = centre.Longitude - 0.02, south = centre.Latitude - 0.02, east = centre.Longitude + 0.01, north = centre.Latitude + 0.01 } });
        yield return ("admin R500 noise from one channel (the day rows either way)", admin, "R500", new { where = new { categoryIn = new[] { "noise" }, channelIn = new[] { "zheliban" } } });
    }

    /// <summary>Every question read from the table, then (the state made not current) from the day rows; both must agree exactly.</summary>
    private Task AssertBothPathsAgreeAsync(DateOnly lastDay) => _data.AssertTableAgreesWithFallbackAsync(lastDay, Questions(), "days");

    private async Task SetWeightAsync(string code, double weight)
    {
        var (status, body, response) = await host.PostAsync("""
            mutation($code: String!, $weight: Float!) { setCategoryWeight(input: { code: $code, weight: $weight }) { category { code weight } errors { __typename } } }
            """, new { code, weight }, host.Token(RoleRights.CityAdmin));
        response.Dispose();
        Assert.True(status == 200 && body is not null && body["errors"] is null && body["data"]?["setCategoryWeight"]?["errors"] is null or JsonArray { Count: 0 },
            $"{status}: {body?.ToJsonString()}");
    }

    [Fact]
    public async Task Category_filtered_cells_read_from_the_table_answer_every_role_as_the_day_rows_do_through_changes_and_day_turns()
    {
        await _data.WriteRandomlyAsync(Today, created: 70, revised: 20, revisedSpreadDays: 159);
        await AssertBothPathsAgreeAsync(Today);

        await WriteBatchAsync(Today);
        await AssertBothPathsAgreeAsync(Today);

        // A category weight change recounts the table (weights, not counts, change).
        double weight;
        await using (var read = new NpgsqlConnection(host.ConnectionString))
        {
            await read.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT weight FROM categories WHERE code = 'noise.construction'", read);
            weight = Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        await SetWeightAsync("noise.construction", 2.5);
        try
        {
            await AssertBothPathsAgreeAsync(Today);

            host.Clock.Advance(TimeSpan.FromDays(1));
            await _data.TurnAndCompareWithRecountAsync(Today.AddDays(1), CellWindowCounts.Turn.Shifted);
            await AssertBothPathsAgreeAsync(Today.AddDays(1));

            await _data.WriteRandomlyAsync(Today.AddDays(1), created: 30, revised: 20, revisedSpreadDays: 159);
            await AssertBothPathsAgreeAsync(Today.AddDays(1));
            await _data.TurnAndCompareWithRecountAsync(Today.AddDays(3), CellWindowCounts.Turn.Shifted);
            host.Clock.Advance(TimeSpan.FromDays(2));
            await AssertBothPathsAgreeAsync(Today.AddDays(3));

            // What counting kept equals what a rebuild from the needs leaves: the cells' derived rows, this table's among them.
            var differences = await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString);
            Assert.DoesNotContain(differences, d => d.Split('|')[0] is "counted only: cell" or "rebuilt only: cell" or "counted only: block"
                or "rebuilt only: block" or "counted only: window" or "rebuilt only: window" or "counted only: catwindow" or "rebuilt only: catwindow");
            Assert.True(await _data.ScalarAsync("SELECT count(*) FROM cell_window_category_counts") > 0);
        }
        finally
        {
            await SetWeightAsync("noise.construction", weight);
        }
    }

    [Fact]
    public async Task Category_filters_read_the_table_when_it_holds_the_window_asked_and_the_day_rows_otherwise()
    {
        await TestNeeds.AddAsync(host, "施工噪音", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), receivedAt: ClockedWeatherHost.Start);
        var admin = host.Token(RoleRights.CityAdmin);
        var noise = new { where = new { categoryIn = new[] { "noise" } } };
        Assert.Equal("1", Count(await _data.CellsAsync(admin, "R500", Today, noise)));
        // A mark only the table carries shows which path answered.
        await host.ExecuteSqlAsync("UPDATE cell_window_category_counts SET window_count = window_count + 1000");
        Assert.Equal("1001", Count(await _data.CellsAsync(admin, "R500", Today, noise)));
        Assert.Empty(await _data.CellsAsync(admin, "R500", Today, new { where = new { categoryIn = new[] { "traffic.parking" } } }));
        // A channel is not in the table's key: the day rows answer.
        Assert.Equal("1", Count(await _data.CellsAsync(admin, "R500", Today, new { where = new { categoryIn = new[] { "noise" }, channelIn = new[] { "12345" } } })));
        // Another window, or a table holding yesterday, reads the day rows.
        Assert.Empty(await _data.CellsAsync(admin, "R500", Today.AddDays(-1), noise));
        await host.ExecuteSqlAsync("UPDATE cell_window_state SET last_day = last_day - 1");
        Assert.Equal("1", Count(await _data.CellsAsync(admin, "R500", Today, noise)));
        await CellWindowCounts.RecountAloneAsync(host.Service<NpgsqlDataSource>(), Today, CancellationToken.None);
        Assert.Equal("1", Count(await _data.CellsAsync(admin, "R500", Today, noise)));
        // A TRUNCATE of the day rows (a reset) empties the table with them.
        await host.ExecuteSqlAsync("TRUNCATE cell_demand");
        Assert.Equal(0, await _data.ScalarAsync("SELECT count(*) FROM cell_window_category_counts"));
    }

    private static string Count(SortedDictionary<string, string> cells) => cells.Single().Value.Split('|')[1];
}
