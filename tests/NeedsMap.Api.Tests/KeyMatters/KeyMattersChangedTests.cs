using System.Text.Json.Nodes;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Loop;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.KeyMatters;

/// <summary>Subscribers on one server hear of key-matter changes made through another, by LISTEN/NOTIFY, debounced.</summary>
public sealed class KeyMattersChangedTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => KeyMatterTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<JsonNode?> NextAsync(LoopSocket socket)
    {
        try
        {
            while (true)
            {
                var message = await socket.ReceiveAsync();
                if (message["type"]?.GetValue<string>() != "ping")
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public async Task A_burst_of_needs_on_one_server_reaches_the_other_server_s_subscribers_of_that_jurisdiction_as_one_event()
    {
        await using var peer = new PeerHost(host.ConnectionString);
        await using var socket = await LoopSocket.OpenAsync(peer);
        await socket.SubscribeAsync("street", $$"""subscription { keyMattersChanged(jurisdictionCode: "{{TestNeeds.Jiangdong}}") { jurisdictionCode changedJurisdictionCodes } }""");
        await socket.SubscribeAsync("other", $$"""subscription { keyMattersChanged(jurisdictionCode: "{{TestNeeds.Choucheng}}") { jurisdictionCode } }""");
        await Task.Delay(1_000);
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var batch = Enumerable.Range(0, 3).Select(i => new IncomingNeed("12345", $"burst-{i}", 1, DateTimeOffset.UtcNow.AddMinutes(-i), $"工地第{i}次夜间施工",
            at, CoordinateSystem.Wgs84, null, "noise.construction", "test")).ToList();
        await host.Service<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None);
        // A second write after the debounce interval, in case the peer's LISTEN connection was still opening at the first.
        await Task.Delay(1_500);
        await KeyMatterTestData.AddAsync(host, "工地又在夜间施工", at, DateTimeOffset.UtcNow);
        var message = await NextAsync(socket);
        Assert.True(message?["id"]?.GetValue<string>() == "street" && message["payload"]?["data"] is not null, message?.ToJsonString());
        var change = message!["payload"]!["data"]!["keyMattersChanged"]!;
        Assert.Equal(TestNeeds.Jiangdong, change["jurisdictionCode"]!.GetValue<string>());
        Assert.Equal([TestNeeds.Jimingshan], change["changedJurisdictionCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        // A batch is one event (one debounce interval), so two writes are at most two; Choucheng's subscriber hears nothing.
        var more = await NextAsync(socket);
        Assert.True(more is null || more["id"]?.GetValue<string>() == "street", more?.ToJsonString());
    }
}
