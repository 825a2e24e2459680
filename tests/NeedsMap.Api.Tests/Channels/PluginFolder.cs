namespace NeedsMap.Api.Tests.Channels;

/// <summary>A plugin root laid out as the server expects (&lt;Root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll), filled from the plugins' build output.</summary>
internal sealed class PluginFolder : IDisposable
{
    public PluginFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "needsmap-plugins-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static string RepositoryRoot => Graph.SchemaTests.RepositoryRoot();

    public static IReadOnlyList<string> AllPluginNames =>
        [.. Directory.GetDirectories(Path.Combine(RepositoryRoot, "plugins"), "NeedsMap.Channels.*").Select(Path.GetFileName).Order()!];

    /// <summary>Samples shipped with a plugin: Samples/valid and Samples/invalid.</summary>
    public static IEnumerable<string> Samples(string pluginName, string kind) =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "plugins", pluginName, "Samples", kind)).Order();

    /// <summary>The configuration the tests (and so the plugins beside them) were built in.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public void Install(string pluginName)
    {
        var output = Path.Combine(RepositoryRoot, "plugins", pluginName, "bin", Configuration, "net10.0");
        var target = Path.Combine(Root, pluginName);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    public void InstallBroken(string name)
    {
        var target = Path.Combine(Root, name);
        Directory.CreateDirectory(target);
        File.WriteAllBytes(Path.Combine(target, name + ".dll"), "MZ this is not an assembly"u8.ToArray());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
