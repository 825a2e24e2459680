using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace NeedsMap.Api.Startup;

/// <summary>
/// <c>NEEDSMAP_SETTINGS=/path/settings.json</c>: a settings file outside the repository (keys do not belong in
/// appsettings.json), such as the one <c>scripts/run</c> keeps in <c>.data/demo/</c>. It ranks above appsettings and
/// below environment variables and the command line, so either can still override one of its values.
/// </summary>
internal static class SettingsFile
{
    public const string Variable = "NEEDSMAP_SETTINGS";

    public static void AddFromEnvironment(IConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path)
        {
            return;
        }
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{Variable} names {full}, which does not exist.", full);
        }
        var source = new JsonConfigurationSource { Path = full, Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var firstOverride = sources.Select((s, i) => (s, i))
            .FirstOrDefault(x => x.s is EnvironmentVariablesConfigurationSource or Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource
                && x.i > LastJson(sources)).i;
        sources.Insert(firstOverride > 0 ? firstOverride : sources.Count, source);
    }

    private static int LastJson(IList<IConfigurationSource> sources) =>
        sources.Select((s, i) => (s, i)).Where(x => x.s is JsonConfigurationSource).Select(x => x.i).DefaultIfEmpty(-1).Max();
}
