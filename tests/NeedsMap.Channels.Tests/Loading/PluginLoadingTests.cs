using McMaster.NETCore.Plugins;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests.Loading;

/// <summary>
/// Loads each plugin from its own build output the way the host does, sharing only the SDK's types, so a
/// plugin that shipped its own copy of the contract (and would then not cast to IChannelAdapter) fails here.
/// </summary>
public class PluginLoadingTests
{
    public static TheoryData<string> Channels => ConformanceTests.Channels;

    [Theory]
    [MemberData(nameof(Channels))]
    public void Plugin_loads_in_its_own_context_sharing_the_sdk_and_parses_the_samples_shipped_beside_it(string project)
    {
        var folder = OutputFolderOf(project);
        Assert.False(File.Exists(Path.Combine(folder, "NeedsMap.Sdk.dll")), "the plugin ships its own copy of the SDK");

        using var loader = PluginLoader.CreateFromAssemblyFile(Path.Combine(folder, project + ".dll"), sharedTypes: [typeof(IChannelAdapter)]);
        var adapterType = loader.LoadDefaultAssembly().GetTypes()
            .Single(t => typeof(IChannelAdapter).IsAssignableFrom(t) && t is { IsAbstract: false, IsPublic: true });
        var adapter = (IChannelAdapter)Activator.CreateInstance(adapterType)!;

        var report = AdapterConformance.Check(adapter, SamplePayload.FromDirectory(Path.Combine(folder, "Samples")), Samples.Options);
        Assert.True(report.Passed, report.ToString());
    }

    // tests/NeedsMap.Channels.Tests/bin/<Configuration>/<tfm>/ → plugins/<project>/bin/<Configuration>/<tfm>/
    private static string OutputFolderOf(string project)
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(Samples.RepositoryRoot, "plugins", project, "bin", configuration, tfm);
    }
}
