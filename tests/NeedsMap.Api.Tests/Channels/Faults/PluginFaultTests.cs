using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>Plugins whose parse hangs or throws, installed beside the real ones, with Open311 present from the start.</summary>
public sealed class FaultyPluginHost : ChannelHost
{
    public FaultyPluginHost()
    {
        Plugins.Install(LateInstalled);
        // Ignores every token and sleeps: the host must give up on it, not wait.
        TestPlugins.Install(Plugins.Root, "Faulty.Hangs", TestPlugins.Adapter("hang-test", parseBody: "Thread.Sleep(TimeSpan.FromSeconds(30));"));
        // Its message quotes the personal data it choked on, as real parse errors do.
        TestPlugins.Install(Plugins.Root, "Faulty.Throws", TestPlugins.Adapter("throw-test",
            parseBody: "throw new NullReferenceException(\"a bug in the plugin: String '13957912345' was not recognized as a valid DateTime.\");"));
        // Returns a null among its records: non-nullable by annotation only.
        TestPlugins.Install(Plugins.Root, "Faulty.NullRecord", TestPlugins.Adapter("null-test", parseBody: "return new ParseResult([null!], []);"));
    }
}

/// <summary>
/// Issue #17: a plugin that hangs or throws while other channels push. Its deliveries are answered in time with their
/// records quarantined as the plugin's fault (one entry, however often redelivered); every record the other channels had
/// acknowledged is stored once, and the derived tables equal a rebuild.
/// </summary>
public sealed class PluginFaultTests(FaultyPluginHost host) : IClassFixture<FaultyPluginHost>
{
    [Fact]
    public async Task Deliveries_to_plugins_that_hang_or_throw_are_quarantined_in_time_while_other_channels_are_stored_exactly_once()
    {
        await host.WaitForPluginAsync("open311");
        await host.WaitForPluginAsync("hang-test");
        await host.WaitForPluginAsync("throw-test");
        var deliveries = new Open311Deliveries(host.Service<ReferenceData>());
        var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var faulty = Encoding.UTF8.GetBytes("""[{"id":"f-1","text":"路灯不亮","lon":120.0762,"lat":29.3071}]""");

        var senders = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
        {
            for (var d = 0; d < 8; d++)
            {
                var (status, body) = await host.PushBytesAsync("open311", Encoding.UTF8.GetBytes(deliveries.Page($"ok{s}", d * 5, 5)), "application/json");
                Assert.Equal(200, status);
                foreach (var receipt in body!["records"]!.AsArray())
                {
                    acknowledged[receipt!["externalId"]!.GetValue<string>()] = receipt["needId"]!.GetValue<string>();
                }
            }
        })).ToList();
        var faults = new[] { "hang-test", "hang-test", "throw-test", "throw-test", "throw-test" }.Select(channel => Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var (status, body) = await host.PushBytesAsync(channel, faulty, "application/json");
            return (Channel: channel, Status: status, Body: body, Seconds: clock.Elapsed.TotalSeconds);
        })).ToList();
        await Task.WhenAll(senders);
        var answered = await Task.WhenAll(faults);

        foreach (var (channel, status, body, seconds) in answered)
        {
            Assert.Equal(200, status);
            var receipt = Assert.Single(body!["records"]!.AsArray())!;
            Assert.Equal("quarantined", receipt["outcome"]!.GetValue<string>());
            Assert.Equal(channel == "hang-test" ? "plugin_timeout" : "plugin_fault", receipt["reason"]!.GetValue<string>());
            Assert.True(seconds < 20, $"{channel} answered after {seconds:0.0} s; the plugin call limit is 5 s");
        }
        Assert.Equal(1, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM quarantined_records WHERE channel_code = 'hang-test' AND deliveries = 2"));
        Assert.Equal(1, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM quarantined_records WHERE channel_code = 'throw-test' AND deliveries = 3"));
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs WHERE channel_code IN ('hang-test', 'throw-test')"));

        Assert.Equal(3 * 8 * 5, acknowledged.Count);
        Assert.Equal(acknowledged.Count, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs WHERE external_id LIKE 'ok%'"));
        Assert.Equal(acknowledged.Count, acknowledged.Values.Distinct().Count());
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        Assert.Equal(200, (await host.PushAsync("12345", PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").First())).Status);
    }

    [Fact]
    public async Task A_plugin_s_failure_reaches_the_sender_without_an_exception_name_or_the_personal_data_it_quotes_and_a_null_record_is_its_fault()
    {
        await host.WaitForPluginAsync("throw-test");
        await host.WaitForPluginAsync("null-test");
        var payload = Encoding.UTF8.GetBytes("""[{"id":"n-1","text":"路灯不亮","lon":120.0762,"lat":29.3071}]""");

        var (status, body) = await host.PushBytesAsync("throw-test", payload, "application/json");
        Assert.Equal(200, status);
        var message = Assert.Single(body!["records"]!.AsArray())!["message"]!.GetValue<string>();
        Assert.Contains("139****2345", message, StringComparison.Ordinal);
        Assert.DoesNotContain("13957912345", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM quarantined_records WHERE message LIKE '%13957912345%'"));

        var (nullStatus, nullBody) = await host.PushBytesAsync("null-test", payload, "application/json");
        Assert.Equal(200, nullStatus);
        var receipt = Assert.Single(nullBody!["records"]!.AsArray())!;
        Assert.Equal(("quarantined", "plugin_fault"), (receipt["outcome"]!.GetValue<string>(), receipt["reason"]!.GetValue<string>()));
        Assert.Contains("null", receipt["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM quarantined_records WHERE channel_code = 'null-test'"));
    }
}
