using System.Text;
using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>GeoReport v2 requests with extensions, through the inbox into needs: nothing the endpoint said is lost.</summary>
public sealed class Open311IntakeTests(IntakeHost host) : IClassFixture<IntakeHost>, IAsyncLifetime
{
    private static readonly string Extended = PluginFolder.Samples(ChannelHost.LateInstalled, "valid").Single(f => f.EndsWith("-extended.json", StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE quarantined_records");
        await host.WaitForPluginAsync("open311");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonNode> NeedAsync(string externalId)
    {
        var result = await host.GraphQLAsync("""
            { needs(first: 50, where: { channelIn: ["open311"] }) { edges { node {
              id externalId status channelStatus category { code } attributes { key value } } } } }
            """);
        Assert.Null(result["errors"]);
        return result["data"]!["needs"]!["edges"]!.AsArray().Select(e => e!["node"]!).Single(n => n["externalId"]!.GetValue<string>() == externalId);
    }

    private async Task<JsonArray> HistoryAsync(string id) =>
        (await host.GraphQLAsync("query($id: ID!) { needHistory(id: $id) { kind toStatus fromStatus note actor } }", new { id }))["data"]!["needHistory"]!.AsArray();

    [Fact]
    public async Task Notes_attributes_expected_dates_zip_codes_and_statuses_reach_the_need()
    {
        var (status, body) = await host.PushAsync("open311", Extended);
        Assert.Equal(200, status);
        Assert.Equal(3, body!["stored"]!.GetValue<int>());

        var light = await NeedAsync("SR26-01122336");
        var attributes = light["attributes"]!.AsArray().ToDictionary(a => a!["key"]!.GetValue<string>(), a => a!["value"]!.GetValue<string>());
        Assert.Equal("322000", attributes["zipcode"]);
        Assert.Equal("2026-12-05T07:12:44.0000000+08:00", attributes["expected_datetime"]);
        Assert.Equal("ALLEY LIGHT OUT", attributes["attribute.whattype"]);
        Assert.Equal("Mobile Device", attributes["extended.channel"]);
        Assert.Equal(("IN_PROGRESS", "open", "utilities.streetlight"),
            (light["status"]!.GetValue<string>(), light["channelStatus"]!.GetValue<string>(), light["category"]!["code"]!.GetValue<string>()));

        var pothole = await NeedAsync("SR26-01122358");
        Assert.Equal(("CLOSED", "closed"), (pothole["status"]!.GetValue<string>(), pothole["channelStatus"]!.GetValue<string>()));
        var history = await HistoryAsync(pothole["id"]!.GetValue<string>());
        Assert.Equal(["opened: Request opened", "activity: Inspected — Crew on site, cold patch applied.", "closed: Request closed — Completed - pothole patched."],
            history.Where(h => h!["kind"]!.GetValue<string>() == "note").Select(h => h!["note"]!.GetValue<string>()));
        Assert.Equal("CLOSED", history.Single(h => h!["kind"]!.GetValue<string>() == "created")!["toStatus"]!.GetValue<string>());

        var reopened = await NeedAsync("SR26-01122371");
        Assert.Equal(("REOPENED", "open"), (reopened["status"]!.GetValue<string>(), reopened["channelStatus"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_redelivery_adds_no_note_twice_and_a_newer_version_adds_its_new_note_and_moves_the_status_in_the_history()
    {
        await host.PushAsync("open311", Extended);
        var again = await host.PushAsync("open311", Extended);
        Assert.Equal(3, again.Body!["unchanged"]!.GetValue<int>());
        var light = await NeedAsync("SR26-01122336");
        Assert.Equal(2, (await HistoryAsync(light["id"]!.GetValue<string>())).Count(h => h!["kind"]!.GetValue<string>() == "note"));

        var revised = JsonNode.Parse(await File.ReadAllTextAsync(Extended))!.AsArray()[0]!.DeepClone();
        revised["status"] = "closed";
        revised["updated_datetime"] = "2026-11-30T16:00:00+08:00";
        revised["notes"]!.AsArray().Add(new JsonObject
        {
            ["datetime"] = "2026-11-30T16:00:00+08:00", ["summary"] = "Request closed", ["description"] = "Lamps replaced.", ["type"] = "closed",
        });
        var (status, body) = await host.PushBytesAsync("open311", Encoding.UTF8.GetBytes(new JsonArray(revised).ToJsonString()), "application/json");
        Assert.Equal(200, status);
        Assert.Equal("revised", body!["records"]![0]!["outcome"]!.GetValue<string>());

        var history = await HistoryAsync(light["id"]!.GetValue<string>());
        Assert.Equal(3, history.Count(h => h!["kind"]!.GetValue<string>() == "note"));
        var move = Assert.Single(history, h => h!["kind"]!.GetValue<string>() == "status")!;
        Assert.Equal(("IN_PROGRESS", "CLOSED", "channel:open311"), (move["fromStatus"]!.GetValue<string>(), move["toStatus"]!.GetValue<string>(), move["actor"]!.GetValue<string>()));
        Assert.Equal(("CLOSED", "closed"), ((await NeedAsync("SR26-01122336"))["status"]!.GetValue<string>(), (await NeedAsync("SR26-01122336"))["channelStatus"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_request_located_abroad_is_reported_outside_the_city_not_as_a_broken_record()
    {
        var (status, body) = await host.PushBytesAsync("open311", Encoding.UTF8.GetBytes("""
            [{"service_request_id":"CHI-SR19-01209374","service_name":"Street Light Out Complaint","service_code":"4ffa9f2d6018277d400000c8",
              "description":"Light out in front of the building","status":"open","requested_datetime":"2026-11-27T18:02:11-06:00",
              "address":"1200 W Harrison St, Chicago","zipcode":"60607","lat":41.8743,"long":-87.6568}]
            """), "application/json");

        Assert.Equal(200, status);
        var receipt = body!["records"]![0]!;
        Assert.Equal(("CHI-SR19-01209374", "quarantined", "OUTSIDE_CITY"),
            (receipt["externalId"]!.GetValue<string>(), receipt["outcome"]!.GetValue<string>(), receipt["reason"]!.GetValue<string>()));
    }
}
