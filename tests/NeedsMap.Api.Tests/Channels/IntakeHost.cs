using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Tests.Channels.Faults;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>Every plugin installed at start, Open311 included, and a tight push budget for the WeChat channel alone.</summary>
public sealed class IntakeHost : ChannelHost
{
    public const int WeChatPushesPerMinute = 3;

    public IntakeHost()
    {
        Plugins.Install(LateInstalled);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Channels:RateLimits:wechat", WeChatPushesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    internal Open311Deliveries Deliveries => new(Service<ReferenceData>());
}
