using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>
/// The API with only the Open311 plugin, pulling from <paramref name="endpoint"/> two requests at a time on a short
/// schedule, over a database that outlives the host so a test can restart the server on it.
/// </summary>
internal sealed class PullHost(string connectionString, string endpoint) : NeedsMapHost(connectionString, ownsDatabase: false)
{
    private readonly PluginFolder _plugins = CreatePlugins();

    private static PluginFolder CreatePlugins()
    {
        var plugins = new PluginFolder();
        plugins.Install("NeedsMap.Channels.Open311");
        return plugins;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Plugins:Root", _plugins.Root);
        builder.UseSetting("NeedsMap:Plugins:ScanInterval", "00:00:00.200");
        builder.UseSetting("NeedsMap:Plugins:PullInterval", "00:00:00.300");
        builder.UseSetting("NeedsMap:Channels:Settings:open311:Endpoint", endpoint);
        builder.UseSetting("NeedsMap:Channels:Settings:open311:PageSize", "2");
    }

    protected override void OnDisposed() => _plugins.Dispose();
}
