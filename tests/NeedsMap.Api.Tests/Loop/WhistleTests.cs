using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Loop;

public sealed class WhistleTests(LoopHost host) : IClassFixture<LoopHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetLoopAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> NoiseNeedAsync()
    {
        var data = await host.OkAsync(LoopApi.SubmitNeed, new
        {
            input = new { text = "工地半夜打桩", categoryCode = "noise.construction", location = LoopApi.Point(TestNeeds.InteriorOf(host, TestNeeds.Jimingshan)) },
        });
        return data["submitNeed"]!["id"]!.GetValue<string>();
    }

    private async Task<JsonNode> BlowAsync(object input) => (await host.OkAsync(LoopApi.BlowWhistle, new { input }))["blowWhistle"]!;

    [Fact]
    public async Task A_whistle_on_a_need_takes_departments_and_deadline_from_the_service_list_and_assigns_the_need()
    {
        var needId = await NoiseNeedAsync();
        var whistle = await BlowAsync(new { blownBy = TestNeeds.Jimingshan, needIds = new[] { needId } });
        Assert.Equal("BLOWN", whistle["status"]!.GetValue<string>());
        Assert.Equal(["enforcement", "housing", "environment"], whistle["departments"]!.AsArray().Select(d => d!["department"]!["code"]!.GetValue<string>()));
        Assert.Equal(LoopHost.Start.AddHours(72), whistle["dueAt"]!.GetValue<DateTimeOffset>());
        var need = await host.OkAsync("query($id: ID!) { need(id: $id) { status } }", new { id = needId });
        Assert.Equal("ASSIGNED", need["need"]!["status"]!.GetValue<string>());
    }
}
