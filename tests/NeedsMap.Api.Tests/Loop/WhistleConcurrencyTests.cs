using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Common.Errors;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Shared;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Loop;

public sealed class WhistleConcurrencyTests(LoopHost host) : IClassFixture<LoopHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetLoopAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_change_to_a_whistle_that_someone_else_changed_meanwhile_is_a_concurrent_change_and_is_not_saved()
    {
        var id = (await host.OkAsync(LoopApi.BlowWhistle, new
        {
            input = new { blownBy = TestNeeds.Jimingshan, categoryCode = "noise", jurisdictionCode = TestNeeds.Jimingshan, departmentCodes = new[] { "enforcement", "police" } },
        }))["blowWhistle"]!["whistle"]!["id"]!.GetValue<string>();
        await using var stale = host.Services.CreateAsyncScope();
        var whistle = await stale.ServiceProvider.GetRequiredService<WhistleReader>().RequireAsync(id, CancellationToken.None);
        await host.OkAsync(LoopApi.Acknowledge, new { input = new { id, departmentCode = "police" } });
        whistle.Status = WhistleStatus.Acknowledged;
        whistle.Departments.Single(d => d.DepartmentCode == "enforcement").AcknowledgedAt = host.Clock.GetUtcNow();
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            stale.ServiceProvider.GetRequiredService<LoopCommit>().CommitAsync(() => [], CancellationToken.None));
        Assert.Equal(ErrorCodes.ConcurrentChange, error.Code);
        var stored = (await host.OkAsync(LoopApi.Whistle, new { id }))["whistle"]!;
        Assert.Single(stored["departments"]!.AsArray(), d => d!["acknowledgedAt"] is not null);
    }
}
