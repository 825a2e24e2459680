using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Classification.Model;
using NeedsMap.Sdk.Categories;
using Npgsql;

namespace NeedsMap.Api.Tests.Classification;

/// <summary>
/// A city with its own labels (the hotline areas 城乡建设, 环境保护, 交通运输, 卫生计生 as its top level, none of them a standard category's name)
/// imports its labelled history through the file route, trains on it alone, reads the k-fold report and activates the
/// model: new needs land in the city's own categories, with no stand-in leaves and no code.
/// </summary>
public sealed class CityLabelTrainingTests(ClassifierHost host) : IClassFixture<ClassifierHost>, IAsyncLifetime
{
    private static readonly string[] Areas = ["城乡建设", "环境保护", "交通运输", "卫生计生"];

    private const string Train = """
        mutation($input: TrainClassifierInput!) {
          trainClassifier(input: $input) { model {
            version active labels heldOutCount evaluationMethod accuracy macroF1 calibrationTemperature confidentShare
            perCategory { categoryCode support recall precision }
            confusion { actual predicted count }
            errors { text actual predicted confidence }
            reliability { from to count accuracy }
          } errors { __typename ... on Error { code message } } }
        }
        """;

    public async Task InitializeAsync()
    {
        // Each test starts from the standard taxonomy and the shipped model: the city's own categories of an earlier
        // test would otherwise be found by name instead of created.
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE need_labels; DELETE FROM categories WHERE NOT is_standard");
        await host.Service<NeedsMap.Api.Reference.ReferenceData>().ReloadAsync();
        host.Service<NeedsMap.Api.Classification.ActiveClassifier>().ActivateShipped();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    /// <summary>Hand-written work orders of the shipped corpus, labelled with the area a hotline routes them to: a city's export.</summary>
    private static string CityCsv(int perArea, Func<string, string>? label = null)
    {
        var csv = new StringBuilder("内容,类别\n");
        foreach (var area in Areas)
        {
            var texts = TrainingCorpus.Voice("hotline").Concat(TrainingCorpus.Voice("colloquial"))
                .Where(t => HotlineAreas.AreaOf(t.CategoryCode)?.Name == area).Take(perArea);
            foreach (var t in texts)
            {
                csv.Append('"').Append(t.Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(label?.Invoke(area) ?? area).Append('\n');
            }
        }

        return csv.ToString();
    }

    private async Task<(int Status, JsonObject? Body)> UploadAsync(string name, string csv, string? token, bool createCategories)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/classifier/training-sets/{name}{(createCategories ? "?createCategories=true" : "")}")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    /// <summary>As city administrator, with time for a training on a machine shared with other work (HttpClient's 100 s is not).</summary>
    private async Task<JsonObject> PostOkAsync(string query, object? variables = null)
    {
        var body = await host.GraphQLAsync(query, variables, token: Admin, timeout: TimeSpan.FromMinutes(15));
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body;
    }

    private async Task<NeedsMap.Api.Needs.Need> IngestAsync(string text)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var incoming = new IncomingNeed("12345", Guid.NewGuid().ToString("N"), 1, TestNeeds.BaseTime, text, TestNeeds.InteriorOf(host, TestNeeds.Jimingshan),
            NeedsMap.Sdk.Geo.CoordinateSystem.Wgs84, null, null, "test");
        return (await scope.ServiceProvider.GetRequiredService<NeedIngestion>().IngestAsync(incoming, CancellationToken.None)).Need;
    }

    private static string? Code(JsonObject? body) => Payloads.Code(body);

    [Fact]
    public async Task A_citys_own_top_level_labels_import_train_report_and_activate_without_stand_in_leaves()
    {
        var (status, report) = await UploadAsync("city-history", CityCsv(30), Admin, createCategories: true);
        Assert.True(status == 200, report?.ToJsonString());
        Assert.Equal(120, report!["rows"]!.GetValue<int>());
        Assert.Equal(4, report["createdCategories"]!.AsArray().Count);
        var sets = (await PostOkAsync("{ classifierTrainingSets { name rows labels { categoryCode count } importedBy } }"))["data"]!["classifierTrainingSets"]!.AsArray();
        var set = Assert.Single(sets, s => s!["name"]!.GetValue<string>() == "city-history")!;
        Assert.Equal("city_admin:alice", set["importedBy"]!.GetValue<string>());
        var codes = set["labels"]!.AsArray().Select(l => l!["categoryCode"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.All(set["labels"]!.AsArray(), l => Assert.Equal(30, l!["count"]!.GetValue<int>()));

        var categories = (await PostOkAsync("{ categories { code name isStandard } }"))["data"]!["categories"]!.AsArray();
        Assert.Equal(Areas.Order(StringComparer.Ordinal), categories.Where(c => codes.Contains(c!["code"]!.GetValue<string>()))
            .Select(c => c!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(categories.Where(c => codes.Contains(c!["code"]!.GetValue<string>())), c => Assert.False(c!["isStandard"]!.GetValue<bool>()));

        var model = (await PostOkAsync(Train, new { input = new { trainingSets = new[] { "city-history" }, mixShippedCorpus = false, fromLabelledNeeds = false, folds = 3 } }))["data"]!["trainClassifier"]!["model"]!;
        Assert.Equal(codes, model["labels"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(120, model["heldOutCount"]!.GetValue<int>());
        Assert.Equal("3-fold cross-validation", model["evaluationMethod"]!.GetValue<string>());
        Assert.False(model["active"]!.GetValue<bool>());
        Assert.Equal(codes, model["perCategory"]!.AsArray().Select(c => c!["categoryCode"]!.GetValue<string>()));
        Assert.Equal(120, model["confusion"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()));
        Assert.Equal(120, model["reliability"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()));
        // Four areas from twenty training texts each per fold, no lexicon (the city's codes are not its terms): well above
        // the 25% of guessing.
        Assert.InRange(model["accuracy"]!.GetValue<double>(), 0.5, 1.0);
        Assert.All(model["errors"]!.AsArray(), e => Assert.NotEqual(e!["actual"]!.GetValue<string>(), e["predicted"]!.GetValue<string>()));

        var version = model["version"]!.GetValue<string>();
        await PostOkAsync("mutation($v: String!) { activateClassifierModel(input: { version: $v }) { model { version } errors { __typename ... on Error { code message } } } }", new { v = version });
        var need = await IngestAsync("小区东边的工地每天半夜还在打桩，吵得睡不着，环保部门管一管");
        Assert.Contains(need.CategoryCode, codes);
        Assert.StartsWith(version + "+lex-", need.ClassifierVersion, StringComparison.Ordinal);

        var shipped = NeedModel.Shipped!.Version;
        await PostOkAsync("mutation($v: String!) { activateClassifierModel(input: { version: $v }) { model { version } errors { __typename ... on Error { code message } } } }", new { v = shipped });
        Assert.NotNull(StandardTaxonomy.Find((await IngestAsync("小区东边的工地每天半夜还在打桩，吵得睡不着")).CategoryCode));
    }

    [Fact]
    public async Task Labels_at_two_levels_train_the_upper_one_and_a_reviewer_may_then_label_with_it()
    {
        var csv = CityCsv(10, area => area == "城乡建设" ? "城乡建设/物业管理" : area) + CityCsv(4).Split('\n', 2)[1];
        var (status, report) = await UploadAsync("two-levels", csv, Admin, createCategories: true);
        Assert.True(status == 200, report?.ToJsonString());
        Assert.Equal(5, report!["createdCategories"]!.AsArray().Count);

        var model = (await PostOkAsync(Train, new { input = new { trainingSets = new[] { "two-levels" }, mixShippedCorpus = false, fromLabelledNeeds = false, folds = 2 } }))["data"]!["trainClassifier"]!["model"]!;
        var labels = model["labels"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(4, labels.Count);
        Assert.DoesNotContain(labels, l => l.Contains('.', StringComparison.Ordinal));

        var need = await IngestAsync("物业费年年涨，电梯坏了一个礼拜没人修");
        var parent = labels.Single(l => ((string)(host.Service<NeedsMap.Api.Reference.ReferenceData>().Current.FindCategory(l)!.Name)) == "城乡建设");
        const string Label = "mutation($id: ID!, $code: String!) { labelNeed(input: { id: $id, categoryCode: $code }) { need { category { code } } errors { __typename ... on Error { code message } } } }";
        var id = GlobalId.Encode("Need", need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (_, refused, _) = await host.PostAsync(Label, new { id, code = parent }, Admin);
        Assert.Equal("INVALID_INPUT", Code(refused));

        await PostOkAsync("mutation($v: String!) { activateClassifierModel(input: { version: $v }) { model { version } errors { __typename ... on Error { code message } } } }", new { v = model["version"]!.GetValue<string>() });
        var labelled = await PostOkAsync(Label, new { id, code = parent });
        Assert.Equal(parent, labelled["data"]!["labelNeed"]!["need"]!["category"]!["code"]!.GetValue<string>());
        await PostOkAsync("mutation($v: String!) { activateClassifierModel(input: { version: $v }) { model { version } errors { __typename ... on Error { code message } } } }", new { v = NeedModel.Shipped!.Version });
    }

    [Fact]
    public async Task Unknown_labels_fail_the_whole_import_and_make_nothing_and_only_city_administrators_may_import()
    {
        var before = await CountAsync("SELECT count(*) FROM categories");
        var (status, body) = await UploadAsync("unknown", CityCsv(3), Admin, createCategories: false);
        Assert.Equal((400, "UNKNOWN_CATEGORY"), (status, Code(body)));
        Assert.Contains("城乡建设", body!["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM categories"));
        Assert.DoesNotContain((await PostOkAsync("{ classifierTrainingSets { name } }"))["data"]!["classifierTrainingSets"]!.AsArray(),
            s => s!["name"]!.GetValue<string>() == "unknown");

        Assert.Equal((400, "INVALID_INPUT"), await StatusAndCodeAsync(UploadAsync("no-header", "只有一列\n", Admin, false)));
        Assert.Equal((400, "INVALID_INPUT"), await StatusAndCodeAsync(UploadAsync("-not-a-name", "text,category\n有人乱倒垃圾,environment.garbage\n", Admin, false)));
        Assert.Equal((403, "FORBIDDEN"), await StatusAndCodeAsync(UploadAsync("officer", CityCsv(1), host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong), true)));
        Assert.Equal((401, "AUTH_REQUIRED"), await StatusAndCodeAsync(UploadAsync("anyone", CityCsv(1), null, true)));
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM categories"));

        // Codes, names and rows to skip: a kept set reports what it skipped.
        var mixed = "text,category\n有人乱倒垃圾,environment.garbage\n路灯坏了,路灯\n,noise.construction\n没有标签的一行,\n";
        var (ok, report) = await UploadAsync("mixed", mixed, Admin, false);
        Assert.True(ok == 200, report?.ToJsonString());
        Assert.Equal((2, 2), (report!["rows"]!.GetValue<int>(), report["skipped"]!.GetValue<int>()));
        Assert.Equal(1, report["labels"]!["utilities.streetlight"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_training_set_larger_than_the_graphql_request_limit_streams_in()
    {
        var rows = TrainingCorpus.Voice("generated").Take(12_000).ToList();
        var csv = new StringBuilder("text,category\n");
        foreach (var row in rows)
        {
            csv.Append('"').Append(row.Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(row.CategoryCode).Append('\n');
        }

        // Twice the 1 MiB GraphQL request limit (NeedsMap:Limits:MaxRequestBytes).
        Assert.True(Encoding.UTF8.GetByteCount(csv.ToString()) > 2 * 1024 * 1024);
        var (status, report) = await UploadAsync("large", csv.ToString(), Admin, false);
        Assert.True(status == 200, report?.ToJsonString());
        Assert.Equal(rows.Count, report!["rows"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_command_line_imports_trains_reports_and_activates()
    {
        var file = Path.Combine(Path.GetTempPath(), $"city-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, CityCsv(8));
        try
        {
            var (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync(
                [TrainClassifierCommand.Name, file, "--set", "cli-city", "--create-categories", "--no-shipped", "--no-labels", "--folds", "2", "--activate"], host.Services);

            Assert.True(exit == 0, run.Error.ToString());
            var text = run.Output.ToString();
            Assert.Contains("training set cli-city: 32 texts, 4 labels", text, StringComparison.Ordinal);
            Assert.Contains("2-fold cross-validation: accuracy", text, StringComparison.Ordinal);
            Assert.Contains("reliability", text, StringComparison.Ordinal);
            Assert.Contains(", active", text, StringComparison.Ordinal);
            var need = await IngestAsync("学校门口天天堵车，孩子上学不安全");
            Assert.Null(StandardTaxonomy.Find(need.CategoryCode));
        }
        finally
        {
            File.Delete(file);
            host.Service<NeedsMap.Api.Classification.ActiveClassifier>().ActivateShipped();
        }
    }

    [Fact]
    public async Task A_label_naming_a_merged_category_trains_the_category_that_took_its_needs()
    {
        var (status, report) = await UploadAsync("before-merge", "text,category\n小区门口的共享单车堆成山,单车乱停\n地铁口电动车乱停放,电动车乱停\n", Admin, createCategories: true);
        Assert.True(status == 200, report?.ToJsonString());
        var (_, categories, _) = await host.PostAsync("{ categories { code name } }", null, Admin);
        string CodeOf(string name) => categories!["data"]!["categories"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!["code"]!.GetValue<string>();
        var (bikes, scooters) = (CodeOf("单车乱停"), CodeOf("电动车乱停"));
        var (_, merged, _) = await host.PostAsync("mutation($from: String!, $into: String!) { mergeCategories(input: { from: $from, into: $into }) { merge { into { code } } errors { __typename ... on Error { code message } } } }",
            new { from = bikes, into = scooters }, Admin);
        Assert.True(merged?["errors"] is null, merged?.ToJsonString());

        (status, report) = await UploadAsync("after-merge", "text,category\n共享单车把盲道都占了,单车乱停\n" + $"人行道上单车一排排,{bikes}\n", Admin, createCategories: false);

        Assert.True(status == 200, report?.ToJsonString());
        // The import report counts texts per resolved category code.
        var label = Assert.Single(report!["labels"]!.AsObject());
        Assert.Equal((scooters, 2), (label.Key, label.Value!.GetValue<int>()));
    }

    private static async Task<(int, string?)> StatusAndCodeAsync(Task<(int Status, JsonObject? Body)> call)
    {
        var (status, body) = await call;
        return (status, Code(body));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
