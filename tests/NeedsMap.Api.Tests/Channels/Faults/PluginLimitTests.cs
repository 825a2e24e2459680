using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>Issue #17: a plugin cannot hurt the host. A bad one is listed FAILED with the reason; nothing of it runs; the server serves.</summary>
public sealed class PluginLimitTests(BadPluginHost host) : IClassFixture<BadPluginHost>
{
    private async Task<JsonArray> PluginsAsync() =>
        (await host.GraphQLAsync("{ channelPlugins { name state error loadedAt channelCodes } }"))["data"]!["channelPlugins"]!.AsArray();

    private async Task<JsonNode> WaitForPluginStateAsync(string name, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            if ((await PluginsAsync()).FirstOrDefault(p => p!["name"]!.GetValue<string>() == name) is { } plugin && done(plugin))
            {
                return plugin;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{name} never reached the expected state");
            await Task.Delay(100);
        }
    }

    private async Task<int> PushTo12345Async()
    {
        await host.WaitForPluginAsync("12345");
        var (status, _) = await host.PushAsync("12345", PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").First());
        return status;
    }

    [Fact]
    public async Task A_plugin_with_a_forty_character_channel_code_present_at_start_is_listed_failed_and_the_server_starts_and_serves()
    {
        var plugins = await PluginsAsync();

        var longCode = plugins.Single(p => p!["name"]!.GetValue<string>() == "Faulty.LongCode")!;
        Assert.Equal("FAILED", longCode["state"]!.GetValue<string>());
        Assert.Contains("Code is 40 characters long; at most 32 are allowed.", longCode["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(longCode["channelCodes"]!.AsArray());
        var throwing = plugins.Single(p => p!["name"]!.GetValue<string>() == "Faulty.ThrowsInConstructor")!;
        Assert.Equal("FAILED", throwing["state"]!.GetValue<string>());
        Assert.Contains("no licence file", throwing["error"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, $"SELECT count(*) FROM channels WHERE code = '{BadPluginHost.LongCode}' OR code = 'ctor-throws'"));
        Assert.Equal(200, await PushTo12345Async());
        var real = plugins.Where(p => p!["name"]!.GetValue<string>() is var n && n.StartsWith("NeedsMap.Channels.", StringComparison.Ordinal) && n != "NeedsMap.Channels.Broken").ToList();
        Assert.Equal(9, real.Count);
        Assert.All(real, p => Assert.Equal("LOADED", p!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_plugin_that_hangs_while_loading_fails_alone_and_a_plugin_copied_in_after_it_still_loads()
    {
        TestPlugins.Install(host.Plugins.Root, "Faulty.HangsAtLoad",
            TestPlugins.Adapter("hangs-at-load", constructorBody: "Thread.Sleep(TimeSpan.FromSeconds(30));"));
        TestPlugins.Install(host.Plugins.Root, "Zz.LateGood", TestPlugins.Adapter("late-good"));

        var hanging = await WaitForPluginStateAsync("Faulty.HangsAtLoad", _ => true);
        Assert.Equal("FAILED", hanging["state"]!.GetValue<string>());
        Assert.Contains("did not load within", hanging["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var late = await WaitForPluginStateAsync("Zz.LateGood", p => p["state"]!.GetValue<string>() == "LOADED");
        Assert.Equal(["late-good"], late["channelCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task A_plugin_that_loads_twice_serves_its_channel_once_and_a_reload_in_place_keeps_serving()
    {
        await host.WaitForPluginAsync("12345");
        var original = Path.Combine(host.Plugins.Root, "NeedsMap.Channels.Hotline12345");
        var copy = Path.Combine(host.Plugins.Root, "Zz.Hotline12345Again");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(original))
        {
            var name = Path.GetFileName(file).Replace("NeedsMap.Channels.Hotline12345", "Zz.Hotline12345Again", StringComparison.Ordinal);
            File.Copy(file, Path.Combine(copy, name), overwrite: true);
        }

        var twice = await WaitForPluginStateAsync("Zz.Hotline12345Again", _ => true);
        Assert.Equal("FAILED", twice["state"]!.GetValue<string>());
        Assert.Contains("the channel '12345' is already served by the plugin NeedsMap.Channels.Hotline12345", twice["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, await PushTo12345Async());

        var dll = Path.Combine(original, "NeedsMap.Channels.Hotline12345.dll");
        var reloadedAt = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(dll, reloadedAt);
        await WaitForPluginStateAsync("NeedsMap.Channels.Hotline12345", p => p["state"]!.GetValue<string>() == "LOADED"
            && DateTimeOffset.Parse(p["loadedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= reloadedAt.AddSeconds(-1));
        Assert.Equal(200, await PushTo12345Async());
        Assert.Equal(1, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM channels WHERE code = '12345'"));
        Assert.Single(await PluginsAsync(), p => p!["state"]!.GetValue<string>() == "LOADED"
            && p["channelCodes"]!.AsArray().Any(c => c!.GetValue<string>() == "12345"));
        // The same sample pushed before, between and after: each of its records stored once, counted as a rebuild counts.
        Assert.Equal(await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(DISTINCT external_id) FROM needs WHERE channel_code = '12345'"),
            await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs WHERE channel_code = '12345'"));
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
    }

    [Fact]
    public async Task A_plugin_copied_into_a_folder_not_named_after_its_assembly_is_listed_failed_with_the_reason_and_loads_once_named_right()
    {
        // What an integrator plausibly does: the folder named after the channel, not the assembly.
        TestPlugins.Install(host.Plugins.Root, "Zz.Misnamed", TestPlugins.Adapter("misnamed-test"));
        var folder = Path.Combine(host.Plugins.Root, "misnamed-board");
        Directory.CreateDirectory(folder);
        File.Move(Path.Combine(host.Plugins.Root, "Zz.Misnamed", "Zz.Misnamed.dll"), Path.Combine(folder, "Zz.Misnamed.dll"));
        Directory.Delete(Path.Combine(host.Plugins.Root, "Zz.Misnamed"));

        var listed = await WaitForPluginStateAsync("misnamed-board", _ => true);
        Assert.Equal("FAILED", listed["state"]!.GetValue<string>());
        Assert.Contains("no misnamed-board.dll (it holds Zz.Misnamed.dll)", listed["error"]!.GetValue<string>(), StringComparison.Ordinal);

        File.Move(Path.Combine(folder, "Zz.Misnamed.dll"), Path.Combine(folder, "misnamed-board.dll"));
        var loaded = await WaitForPluginStateAsync("misnamed-board", p => p["state"]!.GetValue<string>() == "LOADED");
        Assert.Contains("misnamed-test", loaded["channelCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
    }
}
