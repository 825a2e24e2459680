using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Tests.Classification;

public sealed class TrainClassifierTests(ClassifierHost host) : IClassFixture<ClassifierHost>, IAsyncLifetime
{
    private const string Train = """
        mutation($input: TrainClassifierInput!) {
          trainClassifier(input: $input) { model {
            version active shipped trainingCount heldOutCount evaluationMethod accuracy topLevelAccuracy labels
            perCategory { categoryCode support recall precision f1 }
            perTopLevel { categoryCode recall }
            confusion { actual predicted count }
          } errors { __typename ... on Error { code message } } }
        }
        """;

    private const string Models = "{ classifierModels { version active shipped trainingCount topLevelAccuracy } }";

    private const string Activate = "mutation($v: String!) { activateClassifierModel(input: { version: $v }) { model { version active shipped } errors { __typename ... on Error { code message } } } }";

    private const string Csv = "text,category\n小区里新开的烧烤档天天放歌到两点,noise.commercial\n\"楼下的夜宵摊音响开得很大，划拳声\"\"震天\"\"\",noise.commercial\n";

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE need_labels");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    private static string? Code(JsonObject? body) => Payloads.Code(body);

    /// <summary>As city administrator, with time for a training on a machine shared with other work (HttpClient's 100 s is not).</summary>
    private async Task<JsonObject> PostOkAsync(string query, object? variables = null)
    {
        var body = await host.GraphQLAsync(query, variables, token: Admin, timeout: TimeSpan.FromMinutes(15));
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body;
    }

    private async Task<IncomingNeedResult> IngestAsync(string text)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var incoming = new IncomingNeed("12345", Guid.NewGuid().ToString("N"), 1, TestNeeds.BaseTime, text, TestNeeds.InteriorOf(host, TestNeeds.Jimingshan),
            NeedsMap.Sdk.Geo.CoordinateSystem.Wgs84, null, null, "test");
        var result = await scope.ServiceProvider.GetRequiredService<NeedIngestion>().IngestAsync(incoming, CancellationToken.None);
        return new IncomingNeedResult(result.Need.Id, result.Need.ClassifierVersion);
    }

    private sealed record IncomingNeedResult(long Id, string? ClassifierVersion);

    [Fact]
    public async Task Training_adds_labelled_needs_and_the_csv_to_the_corpus_reports_k_fold_figures_and_is_active_only_when_asked()
    {
        var need = await IngestAsync("我们这里的问题说了好多次了，到底有没有人管");
        await PostOkAsync("mutation($id: ID!) { labelNeed(input: { id: $id, categoryCode: \"market.street_vending\" }) { need { id } errors { __typename ... on Error { code message } } } }",
            new { id = GlobalId.Encode("Need", need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) });

        var body = await PostOkAsync(Train, new { input = new { fromLabelledNeeds = true, csv = Csv, folds = 2 } });
        var model = body["data"]!["trainClassifier"]!["model"]!;
        var corpus = TrainingCorpus.Shipped(ClassifierHost.CorpusPerCategory, ClassifierHost.CorpusPerCategory).Count;
        Assert.Equal(corpus + 1 + 2, model["trainingCount"]!.GetValue<int>());
        // The city's own texts are evaluated, each by a fold model that did not see it; the shipped corpus only trains.
        Assert.Equal(1 + 2, model["heldOutCount"]!.GetValue<int>());
        Assert.True(model["evaluationMethod"]?.GetValue<string>() == "2-fold cross-validation", model.ToJsonString());
        Assert.False(model["active"]!.GetValue<bool>());
        Assert.False(model["shipped"]!.GetValue<bool>());
        Assert.InRange(model["accuracy"]!.GetValue<double>(), 0.0, 1.0);
        Assert.InRange(model["topLevelAccuracy"]!.GetValue<double>(), model["accuracy"]!.GetValue<double>(), 1.0);
        Assert.Equal(81, model["labels"]!.AsArray().Count);
        Assert.Equal(["market.street_vending", "noise.commercial"], model["perCategory"]!.AsArray().Select(c => c!["categoryCode"]!.GetValue<string>()));
        Assert.Equal(3, model["confusion"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()));

        var version = model["version"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(host.ModelFolder, version + ".zip")));
        var shipped = Assert.Single((await PostOkAsync(Models))["data"]!["classifierModels"]!.AsArray(), m => m!["shipped"]!.GetValue<bool>())!["version"]!.GetValue<string>();
        Assert.StartsWith(shipped + "+lex-", (await IngestAsync("小区门口的路灯坏了一个星期，晚上一片漆黑")).ClassifierVersion, StringComparison.Ordinal);

        Assert.Equal(version, (await PostOkAsync(Activate, new { v = version }))["data"]!["activateClassifierModel"]!["model"]!["version"]!.GetValue<string>());
        var fresh = await IngestAsync("小区门口的路灯坏了一个星期，晚上一片漆黑");
        Assert.StartsWith(version + "+lex-", fresh.ClassifierVersion, StringComparison.Ordinal);
        var models = (await PostOkAsync(Models))["data"]!["classifierModels"]!.AsArray();
        Assert.Equal(version, Assert.Single(models, m => m!["active"]!.GetValue<bool>())!["version"]!.GetValue<string>());

        // Rolling back is activating an earlier version.
        var back = (await PostOkAsync(Activate, new { v = shipped }))["data"]!["activateClassifierModel"]!["model"]!;
        Assert.True(back["active"]!.GetValue<bool>() && back["shipped"]!.GetValue<bool>());
        Assert.StartsWith(shipped + "+lex-", (await IngestAsync("自来水发黄有铁锈味")).ClassifierVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_csv_or_an_unknown_version_is_refused_with_its_code()
    {
        var (_, unknownCategory, _) = await host.PostAsync(Train, new { input = new { csv = "text,category\n有人乱倒垃圾,garbage.nowhere\n" } }, Admin);
        Assert.Equal("UNKNOWN_CATEGORY", Code(unknownCategory));
        var (_, noHeader, _) = await host.PostAsync(Train, new { input = new { csv = "有人乱倒垃圾;environment.garbage\n" } }, Admin);
        Assert.Equal("INVALID_INPUT", Code(noHeader));
        var (_, folds, _) = await host.PostAsync(Train, new { input = new { folds = 1 } }, Admin);
        Assert.Equal("INVALID_INPUT", Code(folds));
        var (_, set, _) = await host.PostAsync(Train, new { input = new { trainingSets = new[] { "no-such-set" } } }, Admin);
        Assert.Equal("NOT_FOUND", Code(set));
        var (_, nothing, _) = await host.PostAsync(Train, new { input = new { fromLabelledNeeds = false, mixShippedCorpus = false } }, Admin);
        Assert.Equal("INVALID_INPUT", Code(nothing));
        var (_, version, _) = await host.PostAsync(Activate, new { v = "needs-no-such-version" }, Admin);
        Assert.Equal("NOT_FOUND", Code(version));
        var (_, traversal, _) = await host.PostAsync(Activate, new { v = "../../etc/passwd" }, Admin);
        Assert.Equal("NOT_FOUND", Code(traversal));

        var (status, officer, _) = await host.PostAsync(Train, new { input = new { fromLabelledNeeds = true } }, host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong));
        Assert.Equal((403, "FORBIDDEN"), (status, Code(officer)));
    }
}
