using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Cells.Tiles;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security;
using ShellProgressBar;

namespace NeedsMap.Api.Export;

/// <summary>
/// <c>NeedsMap.Api export &lt;kind&gt;.&lt;format&gt; &lt;file&gt; [name=value …] [--role R] [--jurisdiction C] [--channel C]
/// [--department D] [--subject S]</c>: the same export as <c>GET /export/&lt;kind&gt;.&lt;format&gt;?name=value…</c>, written to a
/// file with a progress bar, as the role given (city_admin by default: the operator holds the database anyway) and audited
/// as <c>role:cli:subject</c>.
/// </summary>
public static class ExportCommand
{
    public const string Name = "export";

    private const string Usage = "usage: NeedsMap.Api export <needs|need-stats|key-matters|cells>.<csv|xlsx|geojson> <file> [name=value ...] "
        + "[--role ROLE] [--jurisdiction CODE] [--channel CODE] [--department CODE] [--subject NAME]\n"
        + "  e.g. export needs.xlsx noise.xlsx 'where={\"categoryIn\":[\"noise\"],\"jurisdictionIn\":[\"330782002\"]}' --role deputy --jurisdiction 330782002";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var kind, out var format, out var file, out var values, out var options))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var role = options.GetValueOrDefault("role") ?? RoleRights.CityAdmin;
        if (!RoleRights.Exists(role))
        {
            await error.WriteLineAsync($"No role is called \"{role}\".");
            return 2;
        }
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        if (RoleRights.For(role).Scope == DataScope.Subtree
            && (options.GetValueOrDefault("jurisdiction") is not { } code || sp.GetRequiredService<ReferenceData>().Current.FindJurisdiction(code) is null))
        {
            // Otherwise the role would see nothing, and the file would be empty without saying why.
            await error.WriteLineAsync($"{role} needs --jurisdiction with a known jurisdiction code.");
            return 2;
        }
        var caller = new Caller("cli:" + (options.GetValueOrDefault("subject") ?? Environment.UserName), role, options.GetValueOrDefault("jurisdiction"),
            options.GetValueOrDefault("channel"), Authenticated: true, options.GetValueOrDefault("department"));
        sp.GetRequiredService<AccessScope>().Establish(caller, sp.GetRequiredService<ReferenceData>().Current,
            sp.GetRequiredService<PrivacySettings>().MinimumPublicGroup);
        try
        {
            var parameters = new ExportParameters(values, sp.GetRequiredService<NeedFilterJson>(), sp.GetRequiredService<CityDays>());
            var exporter = sp.GetRequiredService<Exporter>();
            var export = await exporter.PrepareAsync(kind, format, parameters, CancellationToken.None);
            var total = (int)Math.Min(int.MaxValue, export.Rows ?? 1);
            await using var stream = file == "-" ? Console.OpenStandardOutput() : File.Create(file);
            var rows = await WriteWithProgressAsync(exporter, export, stream, file, total, error);
            await (file == "-" ? error : output).WriteLineAsync($"{kind}.{format.Extension()}: {rows} rows written to {file} as {role} (audited)");
            return 0;
        }
        catch (DomainException ex)
        {
            await error.WriteLineAsync($"{ex.Code}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>A terminal gets a progress bar (gone before the summary line); a pipe or a log gets a line every 100,000 rows.</summary>
    private static async Task<long> WriteWithProgressAsync(Exporter exporter, PreparedExport export, Stream stream, string file, int total, TextWriter error)
    {
        using var bar = file == "-" || Console.IsOutputRedirected ? null
            : new ProgressBar(Math.Max(1, total), $"{export.Kind}.{export.Format.Extension()} → {file}",
                new ProgressBarOptions { ProgressCharacter = '─', DisplayTimeInRealTime = false });
        var rows = await exporter.WriteAsync(export, stream, n =>
        {
            if (bar is not null)
            {
                bar.Tick((int)Math.Min(n, int.MaxValue), $"{n:N0} of {total:N0} rows");
            }
            else if (n % 100_000 == 0)
            {
                error.WriteLine($"{n:N0} of {total:N0} rows");
            }
        }, CancellationToken.None);
        bar?.Tick(Math.Max(1, total), $"{rows:N0} rows");
        return rows;
    }

    private static bool TryParse(string[] args, out string kind, out ExportFormat format, out string file,
        out Dictionary<string, string?> values, out Dictionary<string, string> options)
    {
        (kind, format, file, values, options) = ("", ExportFormat.Csv, "", [], []);
        if (args.Length < 2 || args[0].Split('.') is not [var k, var f] || !ExportFormats.TryParse(f, out format) || !Exporter.Kinds.Contains(k))
        {
            return false;
        }
        (kind, file) = (k, args[1]);
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else if (args[i].IndexOf('=', StringComparison.Ordinal) is > 0 and var eq)
            {
                values[args[i][..eq]] = args[i][(eq + 1)..];
            }
            else
            {
                return false;
            }
        }
        return true;
    }
}
