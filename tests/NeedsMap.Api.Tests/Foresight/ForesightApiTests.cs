using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Weather;
using NeedsMap.Api.Weather.Warnings.Risk;
using Npgsql;

namespace NeedsMap.Api.Tests.Foresight;

/// <summary>Issue #21 through GraphQL: the holiday table, school districts and their forecasts, social-risk warnings.</summary>
public sealed class ForesightApiTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private const string Enrolment = "education.enrollment";

    public Task InitializeAsync() => WeatherTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<JsonNode> OkAsync(string query, object? variables = null) => host.GraphQLDataAsync(query, variables);

    private async Task<string> CodeAsync(string query, object? variables = null)
    {
        var result = await host.GraphQLAsync(query, variables);
        // A GraphQL error's code, or a mutation payload's typed refusal's.
        Assert.True(result["errors"] is JsonArray { Count: > 0 } || Payloads.Refusals(result["data"]).Count > 0, result.ToJsonString());
        return Payloads.Code(result) ?? "(none)";
    }

    [Fact]
    public async Task The_holiday_table_is_seeded_from_the_lunar_calendar_and_the_city_corrects_it()
    {
        var year = (await OkAsync("{ holidays(year: 2026) { kind name firstDay lastDay source } }"))["holidays"]!.AsArray();
        Assert.Equal(7, year.Count);
        var festival = year.Single(h => h!["kind"]!.GetValue<string>() == "SPRING_FESTIVAL")!;
        Assert.Equal(("2026-02-16", "2026-02-23", "computed"), (festival["firstDay"]!.GetValue<string>(), festival["lastDay"]!.GetValue<string>(), festival["source"]!.GetValue<string>()));

        var set = (await OkAsync("""mutation { setHoliday(input: { kind: NATIONAL_DAY, year: 2031, firstDay: "2031-10-01", lastDay: "2031-10-08" }) { holiday { lastDay source updatedBy } errors { __typename ... on Error { code message } } } }"""))["setHoliday"]!["holiday"]!;
        Assert.Equal(("2031-10-08", "city"), (set["lastDay"]!.GetValue<string>(), set["source"]!.GetValue<string>()));
        Assert.Equal("INVALID_INPUT", await CodeAsync("""mutation { setHoliday(input: { kind: QINGMING, year: 2031, firstDay: "2031-04-06", lastDay: "2031-04-04" }) { holiday { kind } errors { __typename ... on Error { code message } } } }"""));
        Assert.Equal("INVALID_INPUT", await CodeAsync("""mutation { setHoliday(input: { kind: QINGMING, year: 2031, firstDay: "2031-04-01", lastDay: "2031-06-01" }) { holiday { kind } errors { __typename ... on Error { code message } } } }"""));
        Assert.True((await OkAsync("mutation { removeHoliday(input: { kind: DRAGON_BOAT, year: 2031 }) { removed errors { __typename ... on Error { code message } } } }"))["removeHoliday"]!["removed"]!.GetValue<bool>());
        Assert.False((await OkAsync("mutation { removeHoliday(input: { kind: DRAGON_BOAT, year: 2031 }) { removed errors { __typename ... on Error { code message } } } }"))["removeHoliday"]!["removed"]!.GetValue<bool>());
        Assert.Equal(6, (await OkAsync("{ holidays(year: 2031) { kind } }"))["holidays"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_school_district_imported_from_GeoJSON_gets_its_enrolment_demand_trended_and_forecast_by_month_and_year()
    {
        var boundary = (await OkAsync($$"""{ jurisdiction(code: "{{TestNeeds.Jimingshan}}") { boundary } }"""))["jurisdiction"]!["boundary"]!;
        var geoJson = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = "XQ-TEST-1", ["name"] = "鸡鸣山测试学区" },
                ["geometry"] = boundary.DeepClone(),
            }),
        }.ToJsonString();
        var imported = (await OkAsync("mutation($input: ImportServiceAreasInput!) { importServiceAreas(input: $input) { serviceAreas { code name kind source } errors { __typename ... on Error { code message } } } }",
            new { input = new { kind = "SCHOOL_DISTRICT", geoJson, source = "测试" } }))["importServiceAreas"]!["serviceAreas"]!.AsArray();
        Assert.Equal("XQ-TEST-1", Assert.Single(imported)!["code"]!.GetValue<string>());
        var districts = (await OkAsync("{ serviceAreas(kind: SCHOOL_DISTRICT) { code } }"))["serviceAreas"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("XQ-TEST-1", districts);
        Assert.Contains("XQ-YW-04", districts);

        // Three years of monthly enrolment needs ending last month: a spring–summer season and growth.
        double[] season = [0.3, 0.3, 0.8, 1.4, 2.2, 2.4, 1.8, 1.2, 0.6, 0.4, 0.3, 0.3];
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var thisMonth = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 4, 0, 0, DateTimeKind.Utc);
        var enrolment = new List<TestNeed>();
        for (var m = 36; m >= 1; m--)
        {
            var month = thisMonth.AddMonths(-m);
            var count = (int)Math.Round(4 * season[month.Month - 1] * (1 + 0.15 * (36 - m) / 12.0));
            for (var i = 0; i < count; i++)
            {
                enrolment.Add(new TestNeed("孩子明年上学，学位够不够", Enrolment, at, ReceivedAt: new DateTimeOffset(month.AddDays(i % 27).AddMinutes(i)), Reporter: $"parent-{m}-{i}"));
            }
        }
        var added = enrolment.Count;
        await TestNeeds.AddManyAsync(host, [.. enrolment, new TestNeed("小区门口乱停车", "traffic.parking", at, ReceivedAt: new DateTimeOffset(thisMonth.AddMonths(-2)))]);

        var trend = (await OkAsync("""{ areaTrend(areaCode: "XQ-TEST-1", categoryCode: "education", interval: MONTH) { period count } }"""))["areaTrend"]!.AsArray();
        Assert.Equal(added, trend.Sum(p => p!["count"]!.GetValue<int>()));
        Assert.Equal(thisMonth.ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture), trend[^1]!["period"]!.GetValue<string>());

        var monthly = (await OkAsync("""
            { areaForecast(areaCode: "XQ-TEST-1", categoryCode: "education.enrollment", interval: MONTH, horizon: 12) {
                interval seasonLength settings points { period count lower80 upper80 lower95 upper95 observedSoFar }
                backtest { origins mase seasonalNaiveMase seasonalMeanMase coverage80 } drivers { kind zh en value } explanation explanationEn } }
            """))["areaForecast"]!;
        Assert.Equal(12, monthly["seasonLength"]!.GetValue<int>());
        var points = monthly["points"]!.AsArray();
        Assert.Equal(12, points.Count);
        Assert.Equal(thisMonth.ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture), points[0]!["period"]!.GetValue<string>());
        Assert.All(points, p => Assert.True(p!["lower95"]!.GetValue<double>() <= p["lower80"]!.GetValue<double>()
            && p["lower80"]!.GetValue<double>() <= p["count"]!.GetValue<double>() && p["count"]!.GetValue<double>() <= p["upper80"]!.GetValue<double>()
            && p["upper80"]!.GetValue<double>() <= p["upper95"]!.GetValue<double>(), p!.ToJsonString()));
        var june = points.Single(p => p!["period"]!.GetValue<string>().EndsWith("-06-01", StringComparison.Ordinal))!["count"]!.GetValue<double>();
        var january = points.Single(p => p!["period"]!.GetValue<string>().EndsWith("-01-01", StringComparison.Ordinal))!["count"]!.GetValue<double>();
        Assert.True(june > 2 * january, $"June {june:0.0} vs January {january:0.0}: the enrolment season");
        Assert.True(monthly["backtest"]!["origins"]!.GetValue<int>() > 0);
        var kinds = monthly["drivers"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("season", kinds);
        Assert.Contains("places", kinds);
        Assert.Contains("高峰", monthly["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("鸡鸣山社区", monthly["explanation"]!.GetValue<string>(), StringComparison.Ordinal);

        var yearly = (await OkAsync("""{ areaForecast(areaCode: "XQ-TEST-1", categoryCode: "education.enrollment", interval: YEAR, horizon: 2) { points { period count lower80 upper80 observedSoFar } } }"""))["areaForecast"]!["points"]!.AsArray();
        Assert.Equal(2, yearly.Count);
        var thisYear = yearly[0]!;
        Assert.Equal($"{thisMonth.Year}-01-01", thisYear["period"]!.GetValue<string>());
        var knownThisYear = trend.Where(p => p!["period"]!.GetValue<string>().StartsWith($"{thisMonth.Year}-", StringComparison.Ordinal)).Sum(p => p!["count"]!.GetValue<int>());
        Assert.True(thisYear["count"]!.GetValue<double>() >= knownThisYear && thisYear["lower80"]!.GetValue<double>() >= knownThisYear - 1e-9);

        Assert.Equal("NOT_FOUND", await CodeAsync("""{ areaForecast(areaCode: "no-such", interval: MONTH, horizon: 3) { method } }"""));
        Assert.Equal("INVALID_INPUT", await CodeAsync("""{ areaForecast(areaCode: "XQ-TEST-1", interval: DAY, horizon: 3) { method } }"""));
        Assert.Equal("INVALID_INPUT", await CodeAsync("""{ areaForecast(areaCode: "XQ-TEST-1", interval: YEAR, horizon: 11) { method } }"""));
        Assert.Equal("UNKNOWN_CATEGORY", await CodeAsync("""{ areaTrend(areaCode: "XQ-TEST-1", categoryCode: "no.such", interval: MONTH) { count } }"""));
    }

    [Theory]
    [InlineData("not json", "INVALID_INPUT")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "INVALID_INPUT")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"x","name":"线"},"geometry":{"type":"LineString","coordinates":[[120.1,29.3],[120.2,29.3]]}}]}""", "INVALID_GEOMETRY")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"无代码"},"geometry":{"type":"Polygon","coordinates":[[[120.1,29.3],[120.11,29.3],[120.11,29.31],[120.1,29.3]]]}}]}""", "INVALID_INPUT")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"bow","name":"自交"},"geometry":{"type":"Polygon","coordinates":[[[120.1,29.3],[120.11,29.31],[120.11,29.3],[120.1,29.31],[120.1,29.3]]]}}]}""", "INVALID_GEOMETRY")]
    public async Task Bad_GeoJSON_is_refused_with_its_code_and_writes_nothing(string geoJson, string code)
    {
        var before = (await OkAsync("{ serviceAreas { code } }"))["serviceAreas"]!.AsArray().Count;
        Assert.Equal(code, await CodeAsync("mutation($input: ImportServiceAreasInput!) { importServiceAreas(input: $input) { serviceAreas { code } errors { __typename ... on Error { code message } } } }",
            new { input = new { kind = "CLINIC_CATCHMENT", geoJson } }));
        Assert.Equal(before, (await OkAsync("{ serviceAreas { code } }"))["serviceAreas"]!.AsArray().Count);
    }

    [Fact]
    public async Task Workers_acting_together_raise_a_live_social_risk_warning_whose_evidence_names_no_one()
    {
        var (collector, subscription) = await SubscribeAsync("""subscription { warningRaised(kind: SOCIAL_RISK) { kind categoryCode jurisdictionCode observed evidence } }""");
        using var _ = subscription;
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var now = DateTimeOffset.UtcNow;
        for (var week = 1; week <= 6; week++)
        {
            await TestNeeds.AddAsync(host, "工地老板拖欠工资", "employment.wage_arrears", at, receivedAt: now.AddDays(-7 * week - 3), reporter: $"earlier-{week}");
        }
        string[] texts = ["我们工友们一起去讨薪，老板拖欠三个月工资，电话13812345678", "拖了半年了，忍无可忍，张建国带头", "大家一起去劳动监察讨说法", "工资一分没拿到"];
        for (var i = 0; i < 8; i++)
        {
            await TestNeeds.AddAsync(host, texts[i % texts.Length], "employment.wage_arrears", at, receivedAt: now.AddHours(-2 - 3 * i), reporter: $"worker-{i}");
        }

        // The background detector, nudged by the ingestion, may have raised it already: either way there is one, and no second.
        Assert.InRange((await OkAsync("mutation { detectSocialRisks(input: {}) { warningsRaised errors { __typename ... on Error { code message } } } }"))["detectSocialRisks"]!["warningsRaised"]!.GetValue<int>(), 0, 1);
        Assert.Equal(0, (await OkAsync("mutation { detectSocialRisks(input: {}) { warningsRaised errors { __typename ... on Error { code message } } } }"))["detectSocialRisks"]!["warningsRaised"]!.GetValue<int>());
        var listed = (await OkAsync("{ warnings(kind: SOCIAL_RISK) { id kind scope scopeKey categoryCode jurisdictionCode observed expected pValue test evidence } }"))["warnings"]!.AsArray();
        var warning = Assert.Single(listed)!;
        Assert.Equal(("SOCIAL_RISK", "employment.wage_arrears", TestNeeds.Jimingshan), (warning["kind"]!.GetValue<string>(),
            warning["categoryCode"]!.GetValue<string>(), warning["jurisdictionCode"]!.GetValue<string>()));
        // A warning is raised once per window, with the count it was raised on: the background detector, nudged by each
        // arrival, may raise it before the eighth need is in.
        Assert.InRange(warning["observed"]!.GetValue<int>(), 2, 8);
        Assert.True(warning["pValue"]!.GetValue<double>() < RiskTest.Alpha);
        var evidence = warning["evidence"]!.GetValue<string>();
        Assert.Contains("讨薪", evidence, StringComparison.Ordinal);
        Assert.Contains("忍无可忍", evidence, StringComparison.Ordinal);
        foreach (var secret in new[] { "13812345678", "张建国", "worker-", "earlier-", "老板拖欠" })
        {
            Assert.DoesNotContain(secret, evidence, StringComparison.Ordinal);
        }
        Assert.DoesNotContain((await OkAsync("{ warnings(kind: SURGE) { id } }"))["warnings"]!.AsArray(), w => w!["id"]!.GetValue<string>() == warning["id"]!.GetValue<string>());

        var received = await EventuallyAsync(collector, seen => seen.Count >= 1);
        Assert.Contains(received, e => e.Contains("\"kind\":\"SOCIAL_RISK\"", StringComparison.Ordinal) && e.Contains("employment.wage_arrears", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_lexicon_means_the_same_in_PostgreSQL_as_in_dotnet()
    {
        string[] texts = ["我们几十户居民联名反映", "拖了半年，忍无可忍！！", "普通的停车问题", "业主们要找媒体曝光", "说好的处理呢!!", "维权", "讨薪无门", "没有人管吗", "平静的一天"];
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT t ~ @c, t ~ @a FROM unnest(@texts) WITH ORDINALITY AS x(t, i) ORDER BY i", connection);
        command.Parameters.AddWithValue("c", RiskLexicon.CollectivePattern);
        command.Parameters.AddWithValue("a", RiskLexicon.AngerPattern);
        command.Parameters.AddWithValue("texts", texts);
        await using var reader = await command.ExecuteReaderAsync();
        var i = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal((RiskLexicon.IsCollective(texts[i]), RiskLexicon.IsAngry(texts[i])), (reader.GetBoolean(0), reader.GetBoolean(1)));
            i++;
        }
        Assert.Equal(texts.Length, i);
    }

    private sealed class Collector : IObserver<ExecutionResult>
    {
        public ConcurrentQueue<string> Received { get; } = new();

        public void OnCompleted() { }

        public void OnError(Exception error) => Received.Enqueue("error: " + error.Message);

        public void OnNext(ExecutionResult value) => Received.Enqueue(new GraphQL.SystemTextJson.GraphQLSerializer().Serialize(value));
    }

    private async Task<(Collector, IDisposable)> SubscribeAsync(string document)
    {
        var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<NeedsMap.Api.Security.Auth.AccessScope>().Establish(
            new NeedsMap.Api.Security.Auth.Caller("tests", NeedsMap.Api.Security.Auth.RoleRights.CityAdmin, null, null, true),
            scope.ServiceProvider.GetRequiredService<NeedsMap.Api.Reference.ReferenceData>().Current, 5);
        var result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>()
            .ExecuteAsync(new ExecutionOptions { Query = document, RequestServices = scope.ServiceProvider });
        Assert.True(result.Errors is null, string.Join("; ", result.Errors?.Select(e => e.Message) ?? []));
        var collector = new Collector();
        return (collector, result.Streams!.Values.Single().Subscribe(collector));
    }

    private static async Task<List<string>> EventuallyAsync(Collector collector, Func<List<string>, bool> done)
    {
        for (var i = 0; i < 100 && !done([.. collector.Received]); i++)
        {
            await Task.Delay(100);
        }
        return [.. collector.Received];
    }
}
