namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// The API started with a plugin folder that holds, besides every real plugin, one declaring a 40-character channel code
/// (which the channels table cannot hold) and one whose constructor throws: the host must start, list both FAILED, and serve.
/// </summary>
public sealed class BadPluginHost : ChannelHost
{
    public static readonly string LongCode = new('x', 40);

    public BadPluginHost()
    {
        TestPlugins.Install(Plugins.Root, "Faulty.LongCode", TestPlugins.Adapter(LongCode));
        TestPlugins.Install(Plugins.Root, "Faulty.ThrowsInConstructor",
            TestPlugins.Adapter("ctor-throws", constructorBody: "throw new InvalidOperationException(\"no licence file\");"));
    }
}
