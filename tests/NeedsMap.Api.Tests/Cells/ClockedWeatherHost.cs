using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Loop;

namespace NeedsMap.Api.Tests.Cells;

/// <summary>The test host on a hand-moved clock, so a test can turn the city day over.</summary>
public sealed class ClockedWeatherHost : NeedsMapHost
{
    /// <summary>Noon of 2026-06-30 in the city (Asia/Shanghai).</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 30, 4, 0, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
