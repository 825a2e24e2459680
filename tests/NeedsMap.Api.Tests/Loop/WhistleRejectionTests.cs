using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Loop;

/// <summary>Every refused whistle mutation names its reason in extensions.code and writes nothing.</summary>
public sealed class WhistleRejectionTests(LoopHost host) : IClassFixture<LoopHost>, IAsyncLifetime
{
    private string _needId = "";
    private string _whistleId = "";

    public async Task InitializeAsync()
    {
        await host.ResetLoopAsync();
        _needId = (await host.OkAsync(LoopApi.SubmitNeed, new
        {
            input = new { text = "施工噪音", categoryCode = "noise.construction", location = LoopApi.Point(TestNeeds.InteriorOf(host, TestNeeds.Jimingshan)) },
        }))["submitNeed"]!["need"]!["id"]!.GetValue<string>();
        _whistleId = (await host.OkAsync(LoopApi.BlowWhistle, new
        {
            input = new { blownBy = TestNeeds.Jimingshan, needIds = new[] { _needId }, departmentCodes = new[] { "enforcement" } },
        }))["blowWhistle"]!["whistle"]!["id"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AssertRefusedAsync(string expected, string document, object input)
    {
        var before = (await host.CountAsync("whistles"), await host.CountAsync("whistle_history"), await host.CountAsync("need_history"));
        Assert.Equal(expected, await host.ErrorCodeAsync(document, new { input }));
        Assert.Equal(before, (await host.CountAsync("whistles"), await host.CountAsync("whistle_history"), await host.CountAsync("need_history")));
    }

    [Fact]
    public Task A_whistle_to_a_department_that_does_not_exist_is_unknown_department() =>
        AssertRefusedAsync("UNKNOWN_DEPARTMENT", LoopApi.BlowWhistle, new { blownBy = TestNeeds.Jimingshan, needIds = new[] { _needId }, departmentCodes = new[] { "ministry-of-magic" } });

    [Fact]
    public Task A_whistle_on_a_need_that_does_not_exist_is_not_found() =>
        AssertRefusedAsync("NOT_FOUND", LoopApi.BlowWhistle, new { blownBy = TestNeeds.Jimingshan, needIds = new[] { "TmVlZDo5OTk5" } });

    [Fact]
    public Task A_whistle_blown_by_an_unknown_jurisdiction_is_refused() =>
        AssertRefusedAsync("UNKNOWN_JURISDICTION", LoopApi.BlowWhistle, new { blownBy = "999", needIds = new[] { _needId } });

    [Fact]
    public Task A_whistle_with_neither_needs_nor_key_matter_is_invalid_input() =>
        AssertRefusedAsync("INVALID_INPUT", LoopApi.BlowWhistle, new { blownBy = TestNeeds.Jimingshan });

    [Fact]
    public Task Acting_on_an_unknown_whistle_is_not_found() =>
        AssertRefusedAsync("NOT_FOUND", LoopApi.Acknowledge, new { id = "V2hpc3RsZTo5OTk=", departmentCode = "enforcement" });

    [Fact]
    public Task Resolving_before_any_department_reported_is_an_illegal_transition() =>
        AssertRefusedAsync("ILLEGAL_TRANSITION", LoopApi.Resolve, new { id = _whistleId, departmentCode = "enforcement" });

    [Fact]
    public Task Rating_an_unresolved_whistle_is_an_illegal_transition() =>
        AssertRefusedAsync("ILLEGAL_TRANSITION", LoopApi.Rate, new { id = _whistleId, rating = 4 });

    [Fact]
    public Task Reopening_an_open_whistle_is_an_illegal_transition() =>
        AssertRefusedAsync("ILLEGAL_TRANSITION", LoopApi.Reopen, new { id = _whistleId });

    [Fact]
    public async Task Reporting_twice_is_an_illegal_transition()
    {
        await host.OkAsync(LoopApi.Acknowledge, new { input = new { id = _whistleId, departmentCode = "enforcement" } });
        await AssertRefusedAsync("ILLEGAL_TRANSITION", LoopApi.Acknowledge, new { id = _whistleId, departmentCode = "enforcement" });
    }

    [Fact]
    public async Task A_rating_outside_one_to_five_is_invalid_input()
    {
        await host.OkAsync(LoopApi.Acknowledge, new { input = new { id = _whistleId, departmentCode = "enforcement" } });
        await host.OkAsync(LoopApi.Resolve, new { input = new { id = _whistleId, departmentCode = "enforcement" } });
        await AssertRefusedAsync("INVALID_INPUT", LoopApi.Rate, new { id = _whistleId, rating = 6 });
    }

    [Fact]
    public Task A_department_acting_on_a_whistle_with_an_unknown_code_is_unknown_department() =>
        AssertRefusedAsync("UNKNOWN_DEPARTMENT", LoopApi.Acknowledge, new { id = _whistleId, departmentCode = "nope" });
}
