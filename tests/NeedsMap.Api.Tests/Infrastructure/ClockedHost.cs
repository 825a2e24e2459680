using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>The test host on a hand-moved clock that starts at <paramref name="start"/>.</summary>
public abstract class ClockedHost(DateTimeOffset start) : NeedsMapHost
{
    public ManualClock Clock { get; } = new(start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // These tests write needs dated days past their hand-moved clock, then turn the day over to count them.
        builder.UseSetting("NeedsMap:Ingestion:AheadOfClock", "3650.00:00:00");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
