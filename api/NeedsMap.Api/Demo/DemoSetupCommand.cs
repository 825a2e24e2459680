using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Demo;

/// <summary>
/// <c>dotnet NeedsMap.Api.dll demo-setup --data .data --plugins-from plugins</c>, run by <c>scripts/run</c> before it serves:
/// deploys the shipped plugins' build output to <c>&lt;data&gt;/plugins</c> (changed files only) and keeps in
/// <c>&lt;data&gt;/demo/settings.json</c> everything a first run needs and Production asks for: a signing key, an encryption
/// key, the reporter-hashing salt, the plugin folder and a key per deployed channel. Values already there are kept, so
/// tokens, sealed data and integrators' keys survive restarts; a channel deployed later gets its key on the next run.
/// The server reads the file when <c>NEEDSMAP_SETTINGS</c> names it (Startup/SettingsFile).
/// </summary>
public static class DemoSetupCommand
{
    public const string Name = "demo-setup";
    public const string SettingsFileName = "settings.json";

    public static async Task<int> RunAsync(string data, string? pluginsFrom, string configuration, TextWriter output)
    {
        var root = Path.GetFullPath(Path.Combine(data, "plugins"));
        if (pluginsFrom is { } from)
        {
            try
            {
                var (plugins, files) = Deploy(Path.GetFullPath(from), root, configuration);
                await output.WriteLineAsync($"deployed {plugins} plugins to {root} ({files} files changed)");
            }
            catch (Exception ex) when (ex is InvalidOperationException or DirectoryNotFoundException)
            {
                throw CliException.Failure(ex.Message); // a plugin not built, a folder not there: said, not a stack trace
            }
        }
        var codes = await ChannelCodesAsync(root);
        var file = Path.GetFullPath(Path.Combine(data, "demo", SettingsFileName));
        var added = Write(file, root, codes);
        await output.WriteLineAsync($"settings in {file}: {(added.Count == 0 ? "nothing new" : "created " + string.Join(", ", added))}");
        return ExitCodes.Ok;
    }

    /// <summary>Copies each <c>&lt;from&gt;/NeedsMap.Channels.X/bin/&lt;configuration&gt;/net10.0</c> into <c>&lt;root&gt;/NeedsMap.Channels.X</c>.</summary>
    public static (int Plugins, int Files) Deploy(string from, string root, string configuration)
    {
        var (plugins, files) = (0, 0);
        foreach (var project in Directory.GetDirectories(from, "NeedsMap.Channels.*").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(project);
            var output = Path.Combine(project, "bin", configuration, "net10.0");
            if (!File.Exists(Path.Combine(output, name + ".dll")))
            {
                throw new InvalidOperationException($"{name} is not built in {output}: build the plugins first (scripts/run does).");
            }
            foreach (var source in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, name, Path.GetRelativePath(output, source));
                if (File.Exists(target) && Same(source, target))
                {
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
                files++;
            }
            plugins++;
        }
        return (plugins, files);
    }

    private static bool Same(string a, string b) =>
        new FileInfo(a).Length == new FileInfo(b).Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));

    /// <summary>The channel codes of the plugins in the folder, read by loading them as the server does.</summary>
    private static async Task<IReadOnlyList<string>> ChannelCodesAsync(string root)
    {
        var environment = new SetupEnvironment(root);
        var catalog = new ChannelPluginCatalog(Options.Create(new ChannelPluginOptions { Root = root }), environment,
            NullLogger<ChannelPluginCatalog>.Instance);
        await catalog.ScanAsync();
        return [.. catalog.Plugins.Where(p => p.State == PluginState.Loaded).SelectMany(p => p.Adapters).Select(a => a.Descriptor.Code)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Fills what the file lacks and returns the names of the settings it created.</summary>
    public static IReadOnlyList<string> Write(string file, string pluginRoot, IEnumerable<string> channelCodes)
    {
        var document = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? [] : [];
        var added = new List<string>();
        JsonObject Section(JsonObject parent, string name)
        {
            if (parent[name] is JsonObject existing)
            {
                return existing;
            }
            var created = new JsonObject();
            parent[name] = created;
            return created;
        }
        void Ensure(JsonObject section, string path, string name, Func<string> value)
        {
            if (section[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
            {
                return;
            }
            section[name] = value();
            added.Add(path + name);
        }
        var needsMap = Section(document, "NeedsMap");
        Ensure(Section(needsMap, "Auth"), "NeedsMap:Auth:", "SigningKey", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        var privacy = Section(needsMap, "Privacy");
        Ensure(privacy, "NeedsMap:Privacy:", "EncryptionKey", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Ensure(privacy, "NeedsMap:Privacy:", "EncryptionKeyId", () => "demo-1");
        var plugins = Section(needsMap, "Plugins");
        Ensure(plugins, "NeedsMap:Plugins:", "IdentitySalt", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        plugins["Root"] = pluginRoot;
        var keys = Section(Section(needsMap, "Channels"), "Keys");
        foreach (var code in channelCodes)
        {
            Ensure(keys, "NeedsMap:Channels:Keys:", code, () => Base64Url(RandomNumberGenerator.GetBytes(32)));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            // Keys: readable by the one who runs the server only.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, file, overwrite: true);
        return added;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class SetupEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Setup";
        public string ApplicationName { get; set; } = "NeedsMap.Api";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
