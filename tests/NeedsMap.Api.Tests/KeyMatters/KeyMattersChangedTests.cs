using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using NeedsMap.Api.Tests.Loop;

namespace NeedsMap.Api.Tests.KeyMatters;

/// <summary>Subscribers on one server hear of key-matter changes made through another, by LISTEN/NOTIFY, debounced.</summary>
public sealed class KeyMattersChangedTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => KeyMatterTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_burst_of_needs_on_one_server_reaches_the_other_server_s_subscribers_of_that_jurisdiction_as_one_event()
    {
        await using var peer = new PeerHost(host.ConnectionString);
        await using var socket = await LoopSocket.OpenAsync(peer);
        await socket.SubscribeAsync("street", $$"""subscription { keyMattersChanged(jurisdictionCode: "{{TestNeeds.Jiangdong}}") { jurisdictionCode changedJurisdictionCodes } }""");
        await socket.SubscribeAsync("other", $$"""subscription { keyMattersChanged(jurisdictionCode: "{{TestNeeds.Choucheng}}") { jurisdictionCode } }""");
        await Task.Delay(500);
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var batch = Enumerable.Range(0, 3).Select(i => new IncomingNeed("12345", $"burst-{i}", 1, DateTimeOffset.UtcNow.AddMinutes(-i), $"工地第{i}次夜间施工",
            at, CoordinateSystem.Wgs84, null, "noise.construction", "test")).ToList();
        await host.Service<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None);
        await KeyMatterTestData.AddAsync(host, "工地又在夜间施工", at, DateTimeOffset.UtcNow);
        var message = await socket.ReceiveAsync();
        Assert.True(message["id"]?.GetValue<string>() == "street" && message["payload"]?["data"] is not null, message.ToJsonString());
        var change = message["payload"]!["data"]!["keyMattersChanged"]!;
        Assert.Equal(TestNeeds.Jiangdong, change["jurisdictionCode"]!.GetValue<string>());
        Assert.Equal([TestNeeds.Jimingshan], change["changedJurisdictionCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        // Choucheng's subscriber hears nothing; the single need written after the batch comes with it or in one more event at most.
        var more = new List<string>();
        try
        {
            while (true)
            {
                more.Add((await socket.ReceiveAsync())["id"]!.GetValue<string>());
            }
        }
        catch (OperationCanceledException)
        {
        }
        Assert.True(more.Count <= 1 && more.All(id => id == "street"), string.Join(", ", more));
    }
}
