namespace NeedsMap.Api.Channels.Plugins;

/// <summary>Where plugins live and how long one may take: <c>NeedsMap:Plugins</c> in configuration.</summary>
public sealed class ChannelPluginOptions
{
    /// <summary>Holds one folder per plugin: <c>&lt;Root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>. Relative paths are from the content root.</summary>
    public string Root { get; set; } = "../../.data/plugins";

    /// <summary>A parse or pull that takes longer is abandoned and reported as the plugin's fault.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the folder is rescanned for new or changed plugins (a file watcher also triggers a scan).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often pull sources are polled.</summary>
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The salt for hashing reporter identities; every server of a city must share it.</summary>
    public string IdentitySalt { get; set; } = "needsmap-development-salt";
}
