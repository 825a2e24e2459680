using NeedsMap.Sdk.Testing;

namespace NeedsMap.Sdk.Tests.Testing;

public class PullConformanceTests
{
    private sealed class EndlessSource : IChannelAdapter, IPullSource
    {
        public ChannelDescriptor Descriptor { get; } = new FakeAdapter().Descriptor;

        public ParseResult Parse(ChannelPayload payload, IChannelContext context) => ParseResult.Empty;

        public Task<PullBatch> PullAsync(string? checkpoint, IChannelContext context) =>
            Task.FromResult(new PullBatch([], [], checkpoint, HasMore: true));
    }

    [Fact]
    public async Task A_pull_source_that_always_has_more_is_reported_as_endless()
    {
        var report = await AdapterConformance.CheckPullAsync(new EndlessSource(), new ConformanceOptions { MaxPulls = 5 });

        Assert.Equal(ConformanceRules.PullInconsistent, Assert.Single(report.Errors).Rule);
    }

    [Fact]
    public async Task An_adapter_that_cannot_be_pulled_fails_the_pull_check()
    {
        var report = await AdapterConformance.CheckPullAsync(new FakeAdapter());

        Assert.False(report.Passed);
    }
}
