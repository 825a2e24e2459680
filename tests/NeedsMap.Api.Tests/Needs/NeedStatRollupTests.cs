using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels.Faults;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>
/// needStats from the rollup (<c>Needs/Stats/NeedStatRollup</c>) against needStats from the needs, through real tokens: the
/// same question asked without <c>distinctReporters</c> (the rollup answers when it can) and with it (the needs always
/// answer) must give byte-identical groups, labels, order, counts, weights and totals, after random deliveries, revisions
/// that move needs and change their category and status, status changes by other writers, a bulk file and deletes.
/// </summary>
public sealed class NeedStatRollupTests(NeedStatRollupTests.Host host) : IClassFixture<NeedStatRollupTests.Host>, IAsyncLifetime
{
    /// <summary>The channels' plugins (for the bulk file) and production's callers: no token is the public, tokens signed with the test key.</summary>
    public sealed class Host : Channels.ChannelHost
    {
        protected override string? AnonymousRole => null;

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Asked of the host, like SecuredHost.Token.")]
        public string Token(string role, string? jurisdiction = null, string? department = null) =>
            new TokenIssuer(new AuthSettings { SigningKey = TestSigningKey }).Issue("rollup-" + role, role, jurisdiction, null, TimeSpan.FromHours(1), department: department);

        public async Task<(int Status, JsonObject? Body)> PostAsync(string query, object? variables, string? token)
        {
            using var client = CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query, variables }) };
            request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
        }
    }

    private const string Rollup = """
        query($where: NeedFilter, $groupBy: NeedStatsGrouping!, $categoryLevel: CategoryLevel, $jurisdictionLevel: JurisdictionLevel) {
          needStats(where: $where, groupBy: $groupBy, categoryLevel: $categoryLevel, jurisdictionLevel: $jurisdictionLevel) {
            totalCount groups { key label count weight }
          }
        }
        """;

    // The same fields, with distinctReporters asked in a fragment (the selection probe follows fragments), which keeps the needs path.
    private const string Needs = """
        query($where: NeedFilter, $groupBy: NeedStatsGrouping!, $categoryLevel: CategoryLevel, $jurisdictionLevel: JurisdictionLevel) {
          needStats(where: $where, groupBy: $groupBy, categoryLevel: $categoryLevel, jurisdictionLevel: $jurisdictionLevel) {
            totalCount groups { key label count weight ...People }
          }
        }
        fragment People on NeedStatGroup { distinctReporters }
        """;

    private static readonly TimeZoneInfo City = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        var snapshot = host.Service<ReferenceData>().Current;
        var random = new Random(18_4);
        var leaves = snapshot.Categories.Where(c => c.Code.Contains('.', StringComparison.Ordinal)).Select(c => c.Code).Take(12).ToArray();
        var communities = new[] { TestNeeds.Jimingshan, TestNeeds.ChouchengFirstCommunity }
            .Concat(snapshot.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Community).Select(j => j.Code).Take(4)).Distinct().ToArray();
        string[] channels = ["12345", "zheliban", "app", "wechat"];
        NeedStatus[] statuses = [NeedStatus.New, NeedStatus.InProgress, NeedStatus.Resolved];
        var delivered = new List<IncomingNeed>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var ingestion = scope.ServiceProvider.GetRequiredService<NeedIngestion>();
            for (var i = 0; i < 160; i++)
            {
                // ±50 days around 1 June, at any minute of the day: many needs fall near the city's midnight (16:00 UTC) and month turns.
                var at = TestNeeds.BaseTime.AddDays(random.Next(-50, 50)).AddMinutes(random.Next(0, 24 * 60));
                var incoming = new IncomingNeed(channels[random.Next(channels.Length)], $"R-{i}", 1, at, $"诉求{i}",
                    Near(snapshot, communities[random.Next(communities.Length)], random), CoordinateSystem.Wgs84, null,
                    leaves[random.Next(leaves.Length)], "test")
                {
                    ReporterKey = random.Next(4) == 0 ? null : $"p{random.Next(40)}",
                    Status = random.Next(3) == 0 ? statuses[random.Next(statuses.Length)] : null,
                };
                await ingestion.IngestAsync(incoming, CancellationToken.None);
                delivered.Add(incoming);
            }
            // Revisions: a third move to another community, change category and carry the channel's new status.
            foreach (var before in delivered.Where((_, i) => i % 3 == 0))
            {
                await ingestion.IngestAsync(before with
                {
                    Version = 2,
                    CategoryCode = leaves[random.Next(leaves.Length)],
                    Location = Near(snapshot, communities[random.Next(communities.Length)], random),
                    Status = statuses[random.Next(statuses.Length)],
                }, CancellationToken.None);
            }
        }
        // A bulk file (counted by the bulk path), its needs on days across a month turn.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var file = BulkFile(300);
            var done = await scope.ServiceProvider.GetRequiredService<FileIngestion>().IngestAsync("12345", file, "test:file", null, CancellationToken.None, chunkSize: 100);
            Assert.Equal(300, done.Accepted);
        }
        // Other writers: the loop closing needs, a reweighing and deletes, straight on the table.
        await host.ExecuteSqlAsync("UPDATE needs SET status = 'Closed' WHERE id % 7 = 0");
        await host.ExecuteSqlAsync("UPDATE needs SET weight = weight * 1.5 WHERE id % 11 = 0");
        await host.ExecuteSqlAsync("DELETE FROM needs WHERE id % 13 = 0");
        await DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static GeoPoint Near(ReferenceSnapshot snapshot, string code, Random random)
    {
        var j = snapshot.FindJurisdiction(code)!;
        return TestNeeds.Offset(new GeoPoint(j.InteriorLongitude, j.InteriorLatitude), random.Next(-60, 60), random.Next(-60, 60));
    }

    private static ChannelPayload BulkFile(int count)
    {
        static string Order(int i) => $$"""
            {"gdbh":"ROLL-{{i:D4}}","ldsj":"{{new DateTime(2026, 6, 25, 0, 0, 0).AddHours(i * 2.3).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}}","gxsj":"2026-07-20 09:00:00",
             "qdly":"电话","ldrxm":"王小明","lxdh":"13857901234","sqlx":"投诉","sqlb":"城乡建设/噪声污染/建筑施工噪声","sqnr":{{JsonSerializer.Serialize($"工地夜里打桩{i}")}},
             "sqdz":"义乌市江东街道鸡鸣山社区宗泽东路88号附近","ssjd":"江东街道","sssq":"鸡鸣山社区","jd":120.098233,"wd":29.295318,"blzt":"{{(i % 2 == 0 ? "办理中" : "已办结")}}"}
            """;
        return new ChannelPayload(Encoding.UTF8.GetBytes("""{"code":"200","msg":"ok","data":{"total":""" + count.ToString(CultureInfo.InvariantCulture)
            + ""","rows":[""" + string.Join(',', Enumerable.Range(0, count).Select(Order)) + "]}}"), "application/json", "file:rollup.json");
    }

    private static string Day(int year, int month, int day) =>
        new DateTimeOffset(new DateTime(year, month, day), City.GetUtcOffset(new DateTime(year, month, day))).ToString("o", CultureInfo.InvariantCulture);

    /// <summary>Filters the rollup answers (whole city days, categories, channels, statuses, streets, and/or/not) and some it does not.</summary>
    private static IEnumerable<object?> Filters() =>
    [
        null,
        // Windows that start and end mid-week and mid-month (a Wednesday to a Thursday; across the June/July turn, where the
        // bulk file's needs lie): the cut months come from the day rows, city-wide ones for every role no jurisdiction narrows.
        new { receivedFrom = Day(2026, 5, 13), receivedBefore = Day(2026, 6, 11) },
        new { receivedFrom = Day(2026, 6, 24), receivedBefore = Day(2026, 7, 3), categoryIn = new[] { "noise" } },
        new { receivedFrom = Day(2026, 5, 6), receivedBefore = Day(2026, 6, 5) },
        new { receivedFrom = Day(2026, 5, 1), receivedBefore = Day(2026, 7, 1) },
        new { receivedBefore = Day(2026, 6, 17) },
        new { categoryIn = new[] { "noise" }, or = new object[] { new { channelIn = new[] { "12345" } }, new { receivedFrom = Day(2026, 6, 20) } } },
        new { statusIn = new[] { "NEW", "IN_PROGRESS" }, not = new { jurisdictionIn = new[] { TestNeeds.Choucheng } } },
        new { jurisdictionIn = new[] { TestNeeds.Jiangdong }, channelIn = new[] { "12345", "app" } },
        // Not on a city day start, a community, a box: the needs answer both questions.
        new { receivedFrom = "2026-05-20T03:00:00Z" },
        new { jurisdictionIn = new[] { TestNeeds.Jimingshan } },
    ];

    private static IEnumerable<(string GroupBy, string? Level, string? JurisdictionLevel)> Groupings() =>
    [
        ("CATEGORY", "LEAF", null), ("CATEGORY", "TOP", null), ("CHANNEL", null, null), ("STATUS", null, null),
        ("JURISDICTION", null, "CITY"), ("JURISDICTION", null, "STREET"), ("JURISDICTION", null, "COMMUNITY"),
        ("DAY", null, null), ("WEEK", null, null), ("MONTH", null, null),
    ];

    private async Task<string> AskAsync(string query, object? where, (string GroupBy, string? Level, string? JurisdictionLevel) g, string? token)
    {
        var (status, body) = await host.PostAsync(query,
            new { where, groupBy = g.GroupBy, categoryLevel = g.Level ?? "LEAF", jurisdictionLevel = g.JurisdictionLevel ?? "COMMUNITY" }, token);
        Assert.True(status == 200 && body?["errors"] is null, body?.ToJsonString());
        var stats = body!["data"]!["needStats"]!.AsObject();
        foreach (var group in stats["groups"]!.AsArray())
        {
            group!.AsObject().Remove("distinctReporters");
        }
        return stats.ToJsonString();
    }

    private async Task AssertSameAsync(string? token, IEnumerable<object?> filters)
    {
        var asked = 0;
        foreach (var where in filters)
        {
            foreach (var grouping in Groupings())
            {
                var fromRollup = await AskAsync(Rollup, where, grouping, token);
                var fromNeeds = await AskAsync(Needs, where, grouping, token);
                Assert.True(fromNeeds == fromRollup, $"{grouping} {JsonSerializer.Serialize(where)}\nneeds:  {fromNeeds}\nrollup: {fromRollup}");
                asked++;
            }
        }
        Assert.True(asked > 0);
    }

    [Fact]
    public async Task The_city_administrator_gets_the_same_answer_from_the_rollup_as_from_the_needs_for_every_grouping_and_filter()
    {
        var token = host.Token(RoleRights.CityAdmin);
        await AssertSameAsync(token, Filters());
        // Not empty: the comparison compared something.
        var all = JsonNode.Parse(await AskAsync(Rollup, null, ("CATEGORY", "LEAF", null), token))!;
        Assert.True(all["totalCount"]!.GetValue<int>() > 300);
    }

    [Fact]
    public async Task Street_officers_community_workers_departments_and_deputies_get_the_same_answer_within_their_view()
    {
        string[] tokens =
        [
            host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong),
            host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan),
            host.Token(RoleRights.DepartmentStaff, department: "enforcement"),
            host.Token(RoleRights.Deputy, TestNeeds.Choucheng),
        ];
        foreach (var token in tokens)
        {
            await AssertSameAsync(token, Filters().Take(8));
        }
    }

    [Fact]
    public async Task The_public_gets_the_same_answer_either_way_from_the_needs()
    {
        // The public's small-group rule counts distinct people, so it always reads the needs; asking without distinctReporters changes nothing.
        await AssertSameAsync(null, Filters().Take(5));
    }

    [Fact]
    public async Task Without_distinctReporters_the_counts_come_from_the_rollup_and_with_it_from_the_needs()
    {
        var token = host.Token(RoleRights.CityAdmin);
        var grouping = ("CHANNEL", (string?)null, (string?)null);
        var before = JsonNode.Parse(await AskAsync(Rollup, null, grouping, token))!["totalCount"]!.GetValue<int>();
        // Tampered on purpose with a delta no need made (folded or not, the rollup keeps it until the delta undoing it): only the rollup path sees it.
        const string Tamper = "INSERT INTO need_stat_deltas VALUES (date_trunc('day', now(), 'Asia/Shanghai'), 'noise.construction', '12345', 'New', '330782.330782002.', {0}, 0)";
        await host.ExecuteSqlAsync(string.Format(CultureInfo.InvariantCulture, Tamper, 1000));
        try
        {
            Assert.Equal(before + 1000, JsonNode.Parse(await AskAsync(Rollup, null, grouping, token))!["totalCount"]!.GetValue<int>());
            Assert.Equal(before, JsonNode.Parse(await AskAsync(Needs, null, grouping, token))!["totalCount"]!.GetValue<int>());
        }
        finally
        {
            await host.ExecuteSqlAsync(string.Format(CultureInfo.InvariantCulture, Tamper, -1000));
        }
    }

    [Fact]
    public async Task A_window_without_a_jurisdiction_reads_the_city_wide_day_rows_and_one_with_a_street_the_street_rows()
    {
        var admin = host.Token(RoleRights.CityAdmin);
        var officer = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong);
        var grouping = ("CATEGORY", (string?)"LEAF", (string?)null);
        // 13 May to 11 June: both months are cut, so the days inside them come from day rows.
        var window = Filters().ElementAt(1);
        var inJiangdong = new { receivedFrom = Day(2026, 5, 13), receivedBefore = Day(2026, 6, 11), jurisdictionIn = new[] { TestNeeds.Jiangdong } };
        var day = new { receivedFrom = Day(2026, 6, 1), receivedBefore = Day(2026, 6, 2) };
        async Task<int> TotalAsync(object? where, string token, (string, string?, string?)? by = null) =>
            JsonNode.Parse(await AskAsync(Rollup, where, by ?? grouping, token))!["totalCount"]!.GetValue<int>();
        var before = (City: await TotalAsync(window, admin), Street: await TotalAsync(inJiangdong, admin), Officer: await TotalAsync(window, officer),
            Days: await TotalAsync(day, admin, ("DAY", null, null)));
        // Tampered on purpose in the city-wide day rows only, on 1 June (inside the window): only the questions that read them see it.
        const string Tamper = """
            INSERT INTO need_stat_city_days VALUES ('2026-06-01T00:00:00+08:00', 'noise.construction', '12345', 'New', {0}, 0)
            ON CONFLICT (received_at, category_code, channel_code, status) DO UPDATE SET count = need_stat_city_days.count + excluded.count
            """;
        await host.ExecuteSqlAsync(string.Format(CultureInfo.InvariantCulture, Tamper, 1000));
        try
        {
            Assert.Equal(before.City + 1000, await TotalAsync(window, admin));
            Assert.Equal(before.Street, await TotalAsync(inJiangdong, admin));
            Assert.Equal(before.Officer, await TotalAsync(window, officer));
            // Grouped by day, the city-wide rows answer too.
            Assert.Equal(before.Days + 1000, await TotalAsync(day, admin, ("DAY", null, null)));
        }
        finally
        {
            await host.ExecuteSqlAsync(string.Format(CultureInfo.InvariantCulture, Tamper, -1000));
            await host.ExecuteSqlAsync("DELETE FROM need_stat_city_days WHERE count = 0");
        }
        Assert.Equal(before.City, await TotalAsync(window, admin));
    }

    [Fact]
    public async Task The_migration_fills_the_city_wide_day_rows_of_an_existing_database_from_its_day_rows()
    {
        // The migration's own statements, run on this database's rollup as it stands (after revisions, moves, status changes, a
        // bulk file and deletes), in place of the table the test host's migration made; under the rollup lock, so no fold interleaves.
        var up = string.Join(";\n", new Api.Data.Migrations.NeedStatCityDays().UpOperations
            .OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>().Select(o => o.Sql));
        await using (var connection = new Npgsql.NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                $"SELECT pg_advisory_xact_lock({Api.Needs.Rollups.RollupApplier.RollupLockKey}); DROP TABLE need_stat_city_days; {up}", connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
        Assert.True(await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM need_stat_city_days") > 50);
        Assert.Equal(await LinesAsync(FromNeeds), await LinesAsync(Counted));
        await AssertSameAsync(host.Token(RoleRights.CityAdmin), Filters().Take(3));
        await AssertSameAsync(host.Token(RoleRights.DepartmentStaff, department: "enforcement"), Filters().Take(3));
    }

    [Fact]
    public async Task A_rollup_counted_in_another_zone_than_the_servers_is_not_read()
    {
        var token = host.Token(RoleRights.CityAdmin);
        var grouping = ("CHANNEL", (string?)null, (string?)null);
        var before = JsonNode.Parse(await AskAsync(Rollup, null, grouping, token))!["totalCount"]!.GetValue<int>();
        const string Tamper = "INSERT INTO need_stat_deltas VALUES (date_trunc('day', now(), 'Asia/Shanghai'), 'noise.construction', '12345', 'New', '330782.330782002.', {0}, 0)";
        await host.ExecuteSqlAsync(string.Format(CultureInfo.InvariantCulture, Tamper, 1000));
        await host.ExecuteSqlAsync("UPDATE need_stat_settings SET zone = 'UTC'");
        try
        {
            // The tampered delta would show if the rollup answered: with its days counted in another zone, the needs do.
            Assert.Equal(before, JsonNode.Parse(await AskAsync(Rollup, null, grouping, token))!["totalCount"]!.GetValue<int>());
        }
        finally
        {
            await host.ExecuteSqlAsync("UPDATE need_stat_settings SET zone = 'Asia/Shanghai'");
            await host.ExecuteSqlAsync(string.Format(CultureInfo.InvariantCulture, Tamper, -1000));
        }
        Assert.Equal(before, JsonNode.Parse(await AskAsync(Rollup, null, grouping, token))!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Asking_distinctReporters_still_counts_distinct_residents()
    {
        var (status, body) = await host.PostAsync(Needs, new { groupBy = "CHANNEL" }, host.Token(RoleRights.CityAdmin));
        Assert.Equal(200, status);
        var byChannel = body!["data"]!["needStats"]!["groups"]!.AsArray().ToDictionary(g => g!["key"]!.GetValue<string>(), g => g!["distinctReporters"]!.GetValue<int>());
        var expected = await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(DISTINCT reporter_key) FROM needs WHERE channel_code = '12345'");
        Assert.Equal(expected, byChannel["12345"]);
        Assert.True(expected > 1);
    }

    // The rollup as counted (rows plus deltas not yet folded) and as a GROUP BY over the needs gives it, one line per key.
    private const string Counted = """
        SELECT '{0}|' || received_at || '|' || category_code || '|' || channel_code || '|' || status || '|' || jurisdiction_path || '|' || sum(count)
               || '|' || round(sum(weight)::numeric, 6)
        FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_{0}s
              UNION ALL SELECT date_trunc('{0}', received_at, 'Asia/Shanghai'), category_code, channel_code, status, jurisdiction_path, count, weight
              FROM need_stat_deltas) d
        GROUP BY received_at, category_code, channel_code, status, jurisdiction_path HAVING sum(count) <> 0
        """;

    private const string FromNeeds = """
        SELECT '{0}|' || date_trunc('{0}', received_at, 'Asia/Shanghai') || '|' || category_code || '|' || channel_code || '|' || status || '|'
               || needsmap_stat_street(jurisdiction_path) || '|' || count(*) || '|' || round(sum(weight)::numeric, 6)
        FROM needs GROUP BY date_trunc('{0}', received_at, 'Asia/Shanghai'), category_code, channel_code, status, needsmap_stat_street(jurisdiction_path)
        """;

    private async Task<List<string>> LinesAsync(string sql)
    {
        var lines = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        foreach (var unit in new[] { "day", "month" })
        {
            await using var command = new Npgsql.NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, sql, unit), connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        // The all-time rows: the same keys without a date.
        var totals = sql == Counted
            ? """
              SELECT 'total|' || category_code || '|' || channel_code || '|' || status || '|' || jurisdiction_path || '|' || sum(count) || '|' || round(sum(weight)::numeric, 6)
              FROM (SELECT category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_totals
                    UNION ALL SELECT category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_deltas) d
              GROUP BY category_code, channel_code, status, jurisdiction_path HAVING sum(count) <> 0
              """
            : """
              SELECT 'total|' || category_code || '|' || channel_code || '|' || status || '|' || needsmap_stat_street(jurisdiction_path) || '|' || count(*)
                     || '|' || round(sum(weight)::numeric, 6)
              FROM needs GROUP BY category_code, channel_code, status, needsmap_stat_street(jurisdiction_path)
              """;
        // The city-wide day rows: the day rows' keys without the street.
        var cityDays = sql == Counted
            ? """
              SELECT 'cityday|' || received_at || '|' || category_code || '|' || channel_code || '|' || status || '|' || sum(count) || '|' || round(sum(weight)::numeric, 6)
              FROM (SELECT received_at, category_code, channel_code, status, count, weight FROM need_stat_city_days
                    UNION ALL SELECT received_at, category_code, channel_code, status, count, weight FROM need_stat_deltas) d
              GROUP BY received_at, category_code, channel_code, status HAVING sum(count) <> 0
              """
            : """
              SELECT 'cityday|' || date_trunc('day', received_at, 'Asia/Shanghai') || '|' || category_code || '|' || channel_code || '|' || status || '|' || count(*)
                     || '|' || round(sum(weight)::numeric, 6)
              FROM needs GROUP BY date_trunc('day', received_at, 'Asia/Shanghai'), category_code, channel_code, status
              """;
        foreach (var query in new[] { totals, cityDays })
        {
            await using var command = new Npgsql.NpgsqlCommand(query, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    [Fact]
    public async Task The_counted_rollup_equals_the_needs_grouped_and_a_rebuild_changes_no_answer()
    {
        var expected = await LinesAsync(FromNeeds);
        Assert.True(expected.Count > 50);
        Assert.Equal(expected, await LinesAsync(Counted));
        var token = host.Token(RoleRights.CityAdmin);
        var answers = await AskAsync(Rollup, Filters().ElementAt(3), ("CATEGORY", "TOP", null), token);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Api.Weather.Rollups.CellRollupRebuilder>().RebuildAsync(CancellationToken.None);
        }
        Assert.Equal(await LinesAsync(FromNeeds), await LinesAsync(Counted));
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM need_stat_deltas"));
        await AssertSameAsync(token, Filters().Take(3));
        // The rebuild reweighed the needs it found off their channel's and category's weight; counts did not move.
        var after = JsonNode.Parse(await AskAsync(Rollup, Filters().ElementAt(3), ("CATEGORY", "TOP", null), token))!;
        Assert.Equal(JsonNode.Parse(answers)!["totalCount"]!.GetValue<int>(), after["totalCount"]!.GetValue<int>());
    }
}
