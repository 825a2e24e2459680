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
        return data["submitNeed"]!["need"]!["id"]!.GetValue<string>();
    }

    private async Task<JsonNode> BlowAsync(object input) => (await host.OkAsync(LoopApi.BlowWhistle, new { input }))["blowWhistle"]!["whistle"]!;

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

    [Fact]
    public async Task A_whistle_goes_through_report_progress_resolve_and_rating_and_keeps_every_step()
    {
        var needId = await NoiseNeedAsync();
        var id = (await BlowAsync(new { blownBy = TestNeeds.Jimingshan, needIds = new[] { needId }, departmentCodes = new[] { "enforcement" } }))["id"]!.GetValue<string>();
        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.OkAsync(LoopApi.Acknowledge, new { input = new { id, departmentCode = "enforcement", note = "执法队已报到" } });
        await host.OkAsync(LoopApi.Progress, new { input = new { id, departmentCode = "enforcement", note = "已约谈施工单位" } });
        await host.OkAsync(LoopApi.Resolve, new { input = new { id, departmentCode = "enforcement", note = "夜间停工" } });
        var whistle = (await host.OkAsync(LoopApi.Rate, new { input = new { id, rating = 5 } }))["rateWhistle"]!["whistle"]!;
        Assert.Equal("CLOSED", whistle["status"]!.GetValue<string>());
        Assert.Equal(5, whistle["rating"]!.GetValue<int>());
        Assert.Equal(["blown", "acknowledged", "progress", "resolved", "rated"], whistle["history"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()));
        Assert.Equal("enforcement", whistle["history"]![1]!["department"]!["code"]!.GetValue<string>());
        var need = await host.OkAsync("query($id: ID!) { need(id: $id) { status } }", new { id = needId });
        Assert.Equal("CLOSED", need["need"]!["status"]!.GetValue<string>());
        var history = (await host.OkAsync("query($id: ID!) { needHistory(id: $id) { kind toStatus actor } }", new { id = needId }))["needHistory"]!.AsArray();
        Assert.Equal(["NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED"], history.Select(h => h!["toStatus"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_key_matter_whistle_takes_the_open_needs_of_the_category_in_the_jurisdiction()
    {
        await NoiseNeedAsync();
        await NoiseNeedAsync();
        var whistle = await BlowAsync(new { blownBy = TestNeeds.Jiangdong, categoryCode = "noise", jurisdictionCode = TestNeeds.Jimingshan });
        Assert.Equal(2, whistle["needIds"]!.AsArray().Count);
        Assert.Equal(TestNeeds.Jiangdong, whistle["holder"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_overdue_whistle_climbs_from_community_to_street_to_city_and_stops_there()
    {
        var id = (await BlowAsync(new { blownBy = TestNeeds.Jimingshan, needIds = new[] { await NoiseNeedAsync() }, deadlineHours = 24 }))["id"]!.GetValue<string>();
        var escalator = () => host.WithScopeAsync<NeedsMap.Api.Loop.Dispatch.WhistleEscalator, int>(e => e.EscalateOverdueAsync(CancellationToken.None));
        Assert.Equal(0, await escalator());
        host.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await escalator());
        host.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await escalator());
        host.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(0, await escalator());
        var whistle = (await host.OkAsync(LoopApi.Whistle, new { id }))["whistle"]!;
        Assert.Equal(("330782", "CITY", 2), (whistle["holder"]!["code"]!.GetValue<string>(), whistle["holder"]!["level"]!.GetValue<string>(),
            whistle["escalationCount"]!.GetValue<int>()));
        Assert.True(whistle["overdue"]!.GetValue<bool>());
        Assert.Equal(2, whistle["history"]!.AsArray().Count(h => h!["kind"]!.GetValue<string>() == "escalated"));
    }

    [Fact]
    public async Task A_resident_may_reopen_within_fifteen_days_of_the_answer_but_not_after()
    {
        var id = (await BlowAsync(new { blownBy = TestNeeds.Jimingshan, needIds = new[] { await NoiseNeedAsync() }, departmentCodes = new[] { "police" } }))["id"]!.GetValue<string>();
        await host.OkAsync(LoopApi.Acknowledge, new { input = new { id, departmentCode = "police" } });
        await host.OkAsync(LoopApi.Resolve, new { input = new { id, departmentCode = "police" } });
        host.Clock.Advance(TimeSpan.FromDays(14));
        var reopened = (await host.OkAsync(LoopApi.Reopen, new { input = new { id, note = "又开始了" } }))["reopenWhistle"]!["whistle"]!;
        Assert.Equal("REOPENED", reopened["status"]!.GetValue<string>());
        await host.OkAsync(LoopApi.Acknowledge, new { input = new { id, departmentCode = "police" } });
        await host.OkAsync(LoopApi.Resolve, new { input = new { id, departmentCode = "police" } });
        host.Clock.Advance(TimeSpan.FromDays(16));
        var history = await host.CountAsync("whistle_history");
        Assert.Equal("REOPEN_WINDOW_CLOSED", await host.ErrorCodeAsync(LoopApi.Reopen, new { input = new { id } }));
        Assert.Equal(history, await host.CountAsync("whistle_history"));
    }
}
