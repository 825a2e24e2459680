using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Cost;
using NeedsMap.Api.Tests.Channels;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Fuzz;

/// <summary>
/// The secured API on a real socket with two channel plugins and their keys. Callers' time budgets are lifted so that the
/// fuzz suite's thousands of requests all reach the resolvers (the budgets have their own tests); everything else is as served.
/// </summary>
public sealed class FuzzHost : SecuredHost
{
    private readonly PluginFolder _plugins = new();

    public FuzzHost()
    {
        _plugins.Install("NeedsMap.Channels.Hotline12345");
        _plugins.Install("NeedsMap.Channels.Open311");
    }

    public static readonly IReadOnlyDictionary<string, string> ChannelKeys = new Dictionary<string, string>
    {
        ["12345"] = "fuzz-key-12345-0123456789",
        ["open311"] = "fuzz-key-open311-0123456789",
    };

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Samples => new Dictionary<string, IReadOnlyList<string>>
    {
        ["12345"] = [.. PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid"), .. PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "invalid")],
        ["open311"] = [.. PluginFolder.Samples("NeedsMap.Channels.Open311", "valid"), .. PluginFolder.Samples("NeedsMap.Channels.Open311", "invalid")],
    };

    protected override bool UseRealSockets => true;

    public Uri WebSocketUrl => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/graphql");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Plugins:Root", _plugins.Root);
        builder.UseSetting("NeedsMap:Plugins:ScanInterval", "00:00:00.200");
        foreach (var (code, key) in ChannelKeys)
        {
            builder.UseSetting($"NeedsMap:Channels:Keys:{code}", key);
        }
        foreach (var limit in CostLimits.All)
        {
            builder.UseSetting($"NeedsMap:Cost:Roles:{limit.Role}:CallerSecondsPerMinute", "100000");
        }
    }

    protected override void OnDisposed() => _plugins.Dispose();
}
