using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>Every plugin loaded into the running server, fed its own samples through the inbox.</summary>
public sealed class ChannelIngestionTests(ChannelHost host) : IClassFixture<ChannelHost>, IAsyncLifetime
{
    public static TheoryData<string, string> ValidSamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var (plugin, channel) in PluginChannels())
        {
            foreach (var file in PluginFolder.Samples(plugin, "valid"))
            {
                data.Add(channel, Path.GetRelativePath(PluginFolder.RepositoryRoot, file));
            }
        }
        return data;
    }

    private static IEnumerable<(string Plugin, string Channel)> PluginChannels() =>
    [
        ("NeedsMap.Channels.Hotline12345", "12345"), ("NeedsMap.Channels.Hotline96150", "96150"), ("NeedsMap.Channels.Police110", "110"),
        ("NeedsMap.Channels.Ambulance120", "120"), ("NeedsMap.Channels.Traffic122", "122"), ("NeedsMap.Channels.FourPlatforms", "four-platforms"),
        ("NeedsMap.Channels.Zheliban", "zheliban"), ("NeedsMap.Channels.WeChat", "wechat"), ("NeedsMap.Channels.MessageBoard", "board"),
    ];

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE quarantined_records");
        await host.WaitForPluginAsync("12345");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public async Task A_valid_sample_is_accepted_and_redelivery_stores_no_duplicate(string channel, string sample)
    {
        var file = Path.Combine(PluginFolder.RepositoryRoot, sample);
        var (status, body) = await host.PushAsync(channel, file);
        Assert.Equal(200, status);
        var accepted = body!["accepted"]!.GetValue<int>();
        Assert.True(accepted > 0, $"nothing accepted: {body.ToJsonString()}");
        var stored = await CountAsync($"SELECT count(*) FROM needs WHERE channel_code = '{channel}'");
        var (again, secondBody) = await host.PushAsync(channel, file);
        Assert.Equal(200, again);
        Assert.Equal(accepted, secondBody!["accepted"]!.GetValue<int>());
        Assert.Equal(stored, await CountAsync($"SELECT count(*) FROM needs WHERE channel_code = '{channel}'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM needs WHERE text ~ '1[3-9][0-9]{9}'"));
    }

    [Fact]
    public async Task A_push_answers_once_stored_and_its_counts_follow_while_wait_counted_answers_after_them()
    {
        var file = PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").First();
        const string counted = "SELECT coalesce(sum(count), 0) FROM cell_demand WHERE resolution = (SELECT min(resolution) FROM cell_demand)";
        const string needs = "SELECT count(*) FROM needs";
        await WaitUntilCountedAsync(); // what earlier tests pushed

        var before = await CountAsync(counted);
        var (status, _) = await host.PushAsync("12345", file);
        Assert.Equal(200, status);
        await WaitUntilCountedAsync();
        var stored = await CountAsync(needs);
        Assert.True(stored > 0);
        Assert.Equal(stored, await CountAsync(counted) - before);

        await host.ResetAsync();
        before = await CountAsync(counted);
        var (again, _) = await host.PushAsync("12345", file, wait: "counted");
        Assert.Equal(200, again);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pending_rollups"));
        Assert.Equal(stored, await CountAsync(needs));
        Assert.Equal(stored, await CountAsync(counted) - before);
    }

    [Fact]
    public async Task While_a_bulk_file_holds_counting_a_push_waits_uncounted_unless_it_asks_to_wait_and_an_unknown_wait_is_refused()
    {
        var files = PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").ToList();
        const string uncounted = "SELECT count(*) FROM pending_rollups";
        await WaitUntilCountedAsync();
        var before = await CountAsync(uncounted);
        var rollups = host.Service<NeedsMap.Api.Needs.Rollups.RollupApplier>();

        await using (await rollups.HoldAsync(CancellationToken.None))
        {
            var (status, _) = await host.PushAsync("12345", files[0]);
            Assert.Equal(200, status);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // several times the background applier's gathering moment
            Assert.True(await CountAsync(uncounted) > before, "counted while a bulk file held counting");

            var (waited, _) = await host.PushAsync("12345", files[^1], wait: "counted");
            Assert.Equal(200, waited);
            Assert.Equal(0, await CountAsync(uncounted));
        }

        var storedBefore = await CountAsync("SELECT count(*) FROM needs");
        var (refused, body) = await host.PushAsync("12345", files[0], wait: "soon");
        Assert.Equal(400, refused);
        Assert.Contains("counted", body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(storedBefore, await CountAsync("SELECT count(*) FROM needs"));
    }

    private async Task WaitUntilCountedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountAsync("SELECT count(*) FROM pending_rollups") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the background applier never counted the pending changes");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Malformed_payloads_are_quarantined_with_their_reason_and_the_server_goes_on()
    {
        foreach (var (plugin, channel) in PluginChannels())
        {
            foreach (var file in PluginFolder.Samples(plugin, "invalid"))
            {
                var (status, body) = await host.PushAsync(channel, file);
                Assert.Equal(200, status);
                Assert.True(body!["rejected"]!.GetValue<int>() > 0, $"{plugin} {Path.GetFileName(file)} rejected nothing");
            }
        }
        var listed = await host.GraphQLAsync("{ rejectedRecords(first: 500) { id channelCode reasonCode message } }");
        var records = listed["data"]!["rejectedRecords"]!.AsArray();
        Assert.Equal(await CountAsync("SELECT count(*) FROM quarantined_records"), records.Count);
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r!["reasonCode"]!.GetValue<string>())));
        var health = await host.GraphQLAsync("{ channels { code acceptedCount rejectedCount } }");
        Assert.Null(health["errors"]);
    }

    [Fact]
    public async Task All_plugins_load_a_broken_one_is_reported_and_the_server_serves()
    {
        var result = await host.GraphQLAsync("{ channelPlugins { name state error channelCodes } }");
        var plugins = result["data"]!["channelPlugins"]!.AsArray();
        var broken = Assert.Single(plugins, p => p!["name"]!.GetValue<string>() == "NeedsMap.Channels.Broken")!;
        Assert.Equal("FAILED", broken["state"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(broken["error"]!.GetValue<string>()));
        Assert.True(plugins.Count(p => p!["state"]!.GetValue<string>() == "LOADED") >= 9, "the nine plugins present at start must all load");
    }

    [Fact]
    public async Task A_plugin_copied_in_while_the_server_runs_is_picked_up_and_ingests()
    {
        host.Plugins.Install(ChannelHost.LateInstalled);
        await host.WaitForPluginAsync("open311");
        var sample = PluginFolder.Samples(ChannelHost.LateInstalled, "valid").First();
        var (status, body) = await host.PushAsync("open311", sample);
        Assert.Equal(200, status);
        Assert.True(body!["accepted"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task A_push_without_the_channels_key_is_refused_and_an_unserved_channel_is_not_found()
    {
        var sample = PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").First();
        var wrong = await host.PushAsync("12345", sample, key: "wrong");
        Assert.Equal((401, "UNAUTHENTICATED"), (wrong.Status, wrong.Body?["code"]?.GetValue<string>()));
        Assert.Equal(401, (await host.PushAsync("12345", sample, key: ChannelHost.KeyOf("96150"))).Status);
        var unserved = await host.PushAsync("nope", sample);
        // RFC 7807 problems, with the documented code every error of the API carries.
        Assert.Equal((404, "UNKNOWN_CHANNEL"), (unserved.Status, unserved.Body?["code"]?.GetValue<string>()));
        Assert.NotNull(unserved.Body?["title"]);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM needs"));
    }

    [Fact]
    public async Task A_record_outside_the_city_waits_in_quarantine_and_a_replay_after_the_fix_stores_it()
    {
        var payload = Path.Combine(host.Plugins.Root, "outside.json");
        var original = await File.ReadAllTextAsync(PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid")
            .Single(f => f.EndsWith("workorder-single.json", StringComparison.Ordinal)));
        await File.WriteAllTextAsync(payload, original.Replace("120.098233", "119.600000", StringComparison.Ordinal));
        var (_, body) = await host.PushAsync("12345", payload);
        var rejection = body!["rejections"]![0]!;
        Assert.Equal("OUTSIDE_CITY", rejection["reasonCode"]!.GetValue<string>());
        var id = rejection["quarantineId"]!.GetValue<long>();

        var stillOut = await host.GraphQLAsync("mutation($ids: [Long!]!) { replayRejected(input: { ids: $ids }) { records { state reasonCode attempts } errors { __typename ... on Error { code message } } } }", new { ids = new[] { id } });
        Assert.Equal("QUARANTINED", stillOut["data"]!["replayRejected"]!["records"]![0]!["state"]!.GetValue<string>());

        // The fix: the city imports a corrected boundary that covers the point.
        await host.ExecuteSqlAsync("""
            UPDATE jurisdictions SET boundary = ST_Multi(ST_Union(boundary, ST_Buffer(ST_SetSRID(ST_MakePoint(119.6, 29.295318), 4326), 0.01)))
            WHERE code IN ('330782', '330782006', '330782006001')
            """);
        var replayed = await host.GraphQLAsync("mutation($ids: [Long!]!) { replayRejected(input: { ids: $ids }) { records { state needId attempts } errors { __typename ... on Error { code message } } } }", new { ids = new[] { id } });
        var record = replayed["data"]!["replayRejected"]!["records"]![0]!;
        Assert.Equal("REPLAYED", record["state"]!.GetValue<string>());
        Assert.NotNull(record["needId"]);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM needs WHERE channel_code = '12345'"));
    }

    [Fact]
    public async Task Replaying_an_unknown_id_is_not_found_and_changes_nothing()
    {
        var result = await host.GraphQLAsync("mutation { replayRejected(input: { ids: [987654] }) { records { state } errors { __typename ... on Error { code message } } } }");
        Assert.Equal("NOT_FOUND", Payloads.Code(result));
    }
}
