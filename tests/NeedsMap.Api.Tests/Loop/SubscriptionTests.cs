using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Loop;

/// <summary>Subscribers on one server hear whistle and consultation changes made through another, by LISTEN/NOTIFY.</summary>
public sealed class SubscriptionTests(LoopHost host) : IClassFixture<LoopHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetLoopAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WhistleChanged_delivers_only_the_department_s_whistles_written_by_another_server()
    {
        await using var peer = new PeerHost(host.ConnectionString);
        await using var socket = await LoopSocket.OpenAsync(host);
        await socket.SubscribeAsync("police", "subscription { whistleChanged(departmentCode: \"police\") { title status departments { department { code } } } }");
        await socket.SubscribeAsync("street", $"subscription {{ whistleChanged(jurisdictionCode: \"{TestNeeds.Jiangdong}\") {{ title }} }}");
        await Task.Delay(300);
        var blow = LoopApi.BlowWhistle;
        await peer.OkAsync(blow, new { input = new { blownBy = TestNeeds.Jimingshan, title = "给执法局", categoryCode = "noise", jurisdictionCode = TestNeeds.Jimingshan, departmentCodes = new[] { "enforcement" } } });
        await peer.OkAsync(blow, new { input = new { blownBy = TestNeeds.ChouchengFirstCommunity, title = "给公安局", categoryCode = "noise", jurisdictionCode = TestNeeds.ChouchengFirstCommunity, departmentCodes = new[] { "police" } } });
        var messages = new[] { await socket.ReceiveAsync(), await socket.ReceiveAsync() };
        var police = messages.Single(m => m["id"]!.GetValue<string>() == "police");
        Assert.Equal("给公安局", police["payload"]!["data"]!["whistleChanged"]!["title"]!.GetValue<string>());
        var street = messages.Single(m => m["id"]!.GetValue<string>() == "street");
        Assert.Equal("给执法局", street["payload"]!["data"]!["whistleChanged"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhistleChanged_without_department_or_jurisdiction_is_refused()
    {
        await using var socket = await LoopSocket.OpenAsync(host);
        await socket.SubscribeAsync("none", "subscription { whistleChanged { title } }");
        var reply = await socket.ReceiveAsync();
        Assert.Contains("INVALID_INPUT", reply.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsultationActivity_delivers_posts_made_through_another_server()
    {
        await using var peer = new PeerHost(host.ConnectionString);
        var id = await ConsultationStory.StartAsync(host);
        var resident = await ConsultationStory.JoinAsync(host, id, "张阿姨", "RESIDENT");
        await using var socket = await LoopSocket.OpenAsync(host);
        await socket.SubscribeAsync("c", "subscription($id: ID!) { consultationActivity(id: $id) { kind post { body } consultation { title } } }", new { id });
        await Task.Delay(300);
        await peer.OkAsync(ConsultationStory.Post, new { input = new { consultationId = id, participantId = resident, body = "工地又在打桩" } });
        var message = await socket.ReceiveAsync();
        var activity = message["payload"]?["data"]?["consultationActivity"];
        Assert.True(activity is not null, message.ToJsonString());
        Assert.Equal(("POSTED", "工地又在打桩"), (activity["kind"]!.GetValue<string>(), activity["post"]!["body"]!.GetValue<string>()));
    }
}
