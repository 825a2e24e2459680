using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// The API with its background services ticking fast, two pull plugins (one whose source always throws, one that yields a
/// new record each pull) and a background service of the test's own that throws as it starts, as a bug would.
/// </summary>
public sealed class ServiceFaultHost : ChannelHost
{
    internal const string SteadyPoint = "new RecordLocation(120.0762, 29.3071, CoordinateSystem.Wgs84)";

    /// <summary>How many records the steady source yields, one a pull, before it has nothing new.</summary>
    public const int SteadyRecords = 20;

    public ServiceFaultHost()
    {
        TestPlugins.Install(Plugins.Root, "Faulty.PullThrows", TestPlugins.Adapter("pull-throws", interfaces: ", IPullSource", extraMembers: """
            public Task<PullBatch> PullAsync(string? checkpoint, IChannelContext context) => throw new InvalidOperationException("the endpoint is down");
            """));
        TestPlugins.Install(Plugins.Root, "Steady.Pull", TestPlugins.Adapter("pull-steady", interfaces: ", IPullSource", extraMembers: $$"""
            private const int SteadyRecords = {{SteadyRecords}};

            public Task<PullBatch> PullAsync(string? checkpoint, IChannelContext context)
            {
                var next = checkpoint is null ? 1 : int.Parse(checkpoint) + 1;
                if (next > SteadyRecords)
                {
                    return Task.FromResult(new PullBatch([], [], checkpoint, HasMore: false));
                }
                var record = new NeedRecord
                {
                    ExternalId = "steady-" + next, Version = 1, ReceivedAt = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)),
                    Text = "路灯不亮 " + next, Location = {{SteadyPoint}}, CategoryCode = "utilities.streetlight",
                };
                return Task.FromResult(new PullBatch([record], [], next.ToString(), HasMore: false));
            }
            """));
    }

    internal LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Plugins:PullInterval", "00:00:00.200");
        builder.UseSetting("NeedsMap:Loop:EscalationInterval", "00:00:00.300");
        builder.UseSetting("NeedsMap:Weather:DetectorIntervalSeconds", "1");
        builder.UseSetting("NeedsMap:Weather:BurstDelayMilliseconds", "50");
        builder.UseSetting("NeedsMap:Weather:DetectorMinimumGapSeconds", "0");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddHostedService<ThrowingService>());
    }

    /// <summary>A background service with a bug: it throws as soon as it runs.</summary>
    internal sealed class ThrowingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("a bug in a background service");
        }
    }
}
