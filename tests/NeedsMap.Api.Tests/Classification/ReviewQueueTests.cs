using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Classification;

public sealed class ReviewQueueTests(ClassifierHost host) : IClassFixture<ClassifierHost>, IAsyncLifetime
{
    private const string Queue = """
        query($code: String!, $first: Int, $after: String) {
          reviewQueue(jurisdictionCode: $code, first: $first, after: $after) {
            totalCount
            edges { cursor node { need { id text categoryConfidence classifierVersion category { code } } suggestions { category { code } score } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string Label = "mutation($id: ID!, $code: String!) { labelNeed(input: { id: $id, categoryCode: $code }) { need { id category { code } categoryConfidence classifierVersion } errors { __typename ... on Error { code message } } } }";

    // Says nothing the classifier can place: it goes to a person.
    private const string Vague = "我们这里的问题说了好多次了，到底有没有人管";
    private const string Clear = "工地每天半夜还在打桩施工，噪音扰民，吵得整栋楼睡不着";

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE need_labels");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    private async Task<Need> ClassifiedAsync(string text, string community)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var incoming = new IncomingNeed("12345", Guid.NewGuid().ToString("N"), 1, TestNeeds.BaseTime, text, TestNeeds.InteriorOf(host, community),
            NeedsMap.Sdk.Geo.CoordinateSystem.Wgs84, null, null, "test");
        return (await scope.ServiceProvider.GetRequiredService<NeedIngestion>().IngestAsync(incoming, CancellationToken.None)).Need;
    }

    private static string Id(Need need) => GlobalId.Encode("Need", need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<JsonObject> PostOkAsync(string query, object variables, string token)
    {
        var (status, body, _) = await host.PostAsync(query, variables, token);
        Assert.True(status == 200 && body?["errors"] is null, $"{status} {body?.ToJsonString()}");
        return body!;
    }

    private static string? Code(JsonObject? body) => Payloads.Code(body);

    [Fact]
    public async Task Needs_classified_with_low_confidence_wait_in_their_jurisdictions_queue_with_suggestions_and_confident_ones_do_not()
    {
        var vague = await ClassifiedAsync(Vague, TestNeeds.Jimingshan);
        var clear = await ClassifiedAsync(Clear, TestNeeds.Jimingshan);
        Assert.True(vague.CategoryConfidence < 0.5, $"vague text confidence {vague.CategoryConfidence}");
        Assert.True(clear.CategoryConfidence >= 0.5, $"clear text confidence {clear.CategoryConfidence}");
        Assert.StartsWith("noise.", clear.CategoryCode, StringComparison.Ordinal);
        Assert.NotNull(vague.ClassifierVersion);

        var body = await PostOkAsync(Queue, new { code = TestNeeds.Jiangdong }, Admin);
        var queue = body["data"]!["reviewQueue"]!;
        Assert.Equal(1, queue["totalCount"]!.GetValue<int>());
        var item = queue["edges"]![0]!["node"]!;
        Assert.Equal(Id(vague), item["need"]!["id"]!.GetValue<string>());
        Assert.Equal(vague.ClassifierVersion, item["need"]!["classifierVersion"]!.GetValue<string>());
        var suggestions = item["suggestions"]!.AsArray();
        Assert.InRange(suggestions.Count, 2, 4);
        var scores = suggestions.Select(s => s!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        var elsewhere = await PostOkAsync(Queue, new { code = TestNeeds.Choucheng }, Admin);
        Assert.Equal(0, elsewhere["data"]!["reviewQueue"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_queue_puts_the_least_confident_first_and_pages_by_cursor()
    {
        string[] texts = [Vague, "这个事情你们到底管不管，都好几个月了", "麻烦你们派人来看一下吧，我们也不知道找谁", Vague + "2"];
        var needs = new List<Need>();
        foreach (var text in texts)
        {
            needs.Add(await ClassifiedAsync(text, TestNeeds.Jimingshan));
        }

        var expected = needs.Where(n => n.CategoryConfidence < 0.5).OrderBy(n => n.CategoryConfidence).ThenBy(n => n.Id).Select(Id).ToList();
        Assert.True(expected.Count >= 3, "the vague texts stay under the threshold");
        var first = await PostOkAsync(Queue, new { code = TestNeeds.Jimingshan, first = 2 }, Admin);
        var page = first["data"]!["reviewQueue"]!;
        Assert.Equal(expected.Take(2), page["edges"]!.AsArray().Select(e => e!["node"]!["need"]!["id"]!.GetValue<string>()));
        var confidences = page["edges"]!.AsArray().Select(e => e!["node"]!["need"]!["categoryConfidence"]!.GetValue<double>()).ToList();
        Assert.Equal(confidences.Order(), confidences);
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var second = await PostOkAsync(Queue, new { code = TestNeeds.Jimingshan, first = 10, after = page["pageInfo"]!["endCursor"]!.GetValue<string>() }, Admin);
        var rest = second["data"]!["reviewQueue"]!;
        Assert.Equal(expected.Skip(2), rest["edges"]!.AsArray().Select(e => e!["node"]!["need"]!["id"]!.GetValue<string>()));
        Assert.False(rest["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var (_, bad, _) = await host.PostAsync(Queue, new { code = TestNeeds.Jimingshan, after = "bm90LW91cnM=" }, Admin);
        Assert.Equal("INVALID_CURSOR", Code(bad));
        var (_, unknown, _) = await host.PostAsync(Queue, new { code = "330782999999" }, Admin);
        Assert.Equal("UNKNOWN_JURISDICTION", Code(unknown));
    }

    [Fact]
    public async Task A_label_corrects_the_category_records_who_and_when_writes_history_and_takes_the_need_out_of_the_queue()
    {
        var vague = await ClassifiedAsync(Vague, TestNeeds.Jimingshan);
        var officer = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, "bob");

        var body = await PostOkAsync(Label, new { id = Id(vague), code = "noise.construction" }, officer);
        var labelled = body["data"]!["labelNeed"]!["need"]!;
        Assert.Equal("noise.construction", labelled["category"]!["code"]!.GetValue<string>());
        Assert.Null(labelled["categoryConfidence"]);
        Assert.Null(labelled["classifierVersion"]);

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT category_code, previous_category_code, previous_classifier_version, labelled_by, labelled_at FROM need_labels WHERE need_id = @id", connection))
        {
            command.Parameters.AddWithValue("id", vague.Id);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("noise.construction", reader.GetString(0));
            Assert.Equal(vague.CategoryCode, reader.GetString(1));
            Assert.Equal(vague.ClassifierVersion, reader.GetString(2));
            Assert.Equal("street_officer:bob", reader.GetString(3));
            Assert.InRange(reader.GetFieldValue<DateTimeOffset>(4), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
            Assert.False(await reader.ReadAsync());
        }

        await using (var history = new NpgsqlCommand("SELECT actor, note FROM need_history WHERE need_id = @id AND kind = 'labelled'", connection))
        {
            history.Parameters.AddWithValue("id", vague.Id);
            await using var reader = await history.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("street_officer:bob", reader.GetString(0));
            Assert.Equal($"{vague.CategoryCode} → noise.construction", reader.GetString(1));
        }

        var queue = await PostOkAsync(Queue, new { code = TestNeeds.Jiangdong }, Admin);
        Assert.Equal(0, queue["data"]!["reviewQueue"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Labels_outside_the_callers_scope_unknown_needs_and_categories_are_refused_and_write_nothing()
    {
        var vague = await ClassifiedAsync(Vague, TestNeeds.Jimingshan);
        var foreignOfficer = host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng, "carol");

        var (_, outside, _) = await host.PostAsync(Label, new { id = Id(vague), code = "noise.construction" }, foreignOfficer);
        Assert.Equal("FORBIDDEN", Code(outside));
        var (_, missing, _) = await host.PostAsync(Label, new { id = GlobalId.Encode("Need", "999999"), code = "noise.construction" }, Admin);
        Assert.Equal("NOT_FOUND", Code(missing));
        var (_, unknown, _) = await host.PostAsync(Label, new { id = Id(vague), code = "noise.nonsense" }, Admin);
        Assert.Equal("UNKNOWN_CATEGORY", Code(unknown));
        var (_, parent, _) = await host.PostAsync(Label, new { id = Id(vague), code = "noise" }, Admin);
        Assert.Equal("INVALID_INPUT", Code(parent));
        var (_, notAnId, _) = await host.PostAsync(Label, new { id = "bm9wZQ==", code = "noise.construction" }, Admin);
        Assert.Equal("INVALID_ID", Code(notAnId));

        // A department reads needs but does not review them; the foreign officer's queue does not show Jiangdong's need.
        var (status, refused, _) = await host.PostAsync(Queue, new { code = TestNeeds.Jiangdong }, host.Token(RoleRights.DepartmentStaff));
        Assert.Equal((403, "FORBIDDEN"), (status, Code(refused)));
        var foreignQueue = await PostOkAsync(Queue, new { code = TestNeeds.Jiangdong }, foreignOfficer);
        Assert.Equal(0, foreignQueue["data"]!["reviewQueue"]!["totalCount"]!.GetValue<int>());

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM need_labels) + (SELECT count(*) FROM need_history WHERE kind = 'labelled')", connection);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }
}
