namespace NeedsMap.Api.Tests.Channels;

/// <summary>The integrator's path end to end: pack the SDK, build a plugin outside the solution, drop it into the running server.</summary>
public sealed class OutsidePluginTests(ChannelHost host) : IClassFixture<ChannelHost>
{
    [Fact]
    public async Task A_plugin_built_outside_the_solution_against_the_packed_sdk_is_picked_up_by_the_running_server_and_ingests()
    {
        using var plugin = new OutsidePlugin();
        await plugin.BuildAsync();
        Assert.True(File.Exists(Path.Combine(plugin.PublishDirectory, OutsidePlugin.Name + ".dll")));
        Assert.False(File.Exists(Path.Combine(plugin.PublishDirectory, "NeedsMap.Sdk.dll")), "the host provides the SDK; a plugin ships none");

        plugin.InstallInto(host.Plugins.Root);
        await host.WaitForPluginAsync(OutsidePlugin.ChannelCode);
        var payload = Path.Combine(plugin.WorkDirectory, "reports.json");
        await File.WriteAllTextAsync(payload, """
            [{ "id": "ca-20261127-0001", "time": "2026-11-27T21:40:00+08:00",
               "text": "小区门口的工地晚上十点还在打桩，吵得孩子睡不着，联系电话13905791122。", "lng": 120.098233, "lat": 29.295318 }]
            """);
        var (status, body) = await host.PushAsync(OutsidePlugin.ChannelCode, payload);
        Assert.Equal(200, status);
        Assert.Equal(1, body!["accepted"]!.GetValue<int>());

        var result = await host.GraphQLAsync("""
            { needs(first: 5, where: { channelIn: ["community-app"] }) {
                totalCount edges { node { externalId text channel { code } jurisdiction { code } locatedBy } } } }
            """);
        Assert.Null(result["errors"]);
        var needs = result["data"]!["needs"]!;
        Assert.Equal(1, needs["totalCount"]!.GetValue<int>());
        var need = needs["edges"]![0]!["node"]!;
        Assert.Equal("ca-20261127-0001", need["externalId"]!.GetValue<string>());
        Assert.Equal("community-app", need["channel"]!["code"]!.GetValue<string>());
        Assert.StartsWith("330782", need["jurisdiction"]!["code"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("COORDINATES", need["locatedBy"]!.GetValue<string>());
        Assert.DoesNotContain("13905791122", need["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
