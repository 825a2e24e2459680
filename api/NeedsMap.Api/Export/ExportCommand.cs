using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Tiles;

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

    /// <summary>What <c>export</c> was asked for (Cli/Commands/ExportCli parses it).</summary>
    public sealed record Request((string Kind, ExportFormat Format) What, string File, Dictionary<string, string?> Values, string Role,
        string? Jurisdiction, string? Channel, string? Department, string? Subject);

    /// <summary><c>needs.csv</c> → (needs, Csv); null when the kind or the format is unknown.</summary>
    public static (string Kind, ExportFormat Format)? ParseWhat(string? what) =>
        what?.Split('.') is [var k, var f] && ExportFormats.TryParse(f, out var format) && Exporter.Kinds.Contains(k) ? (k, format) : null;

    public static async Task<int> RunAsync(IServiceProvider services, Request request, CliContext context, CancellationToken cancellationToken)
    {
        var ((kind, format), file) = (request.What, request.File);
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        if (RoleRights.For(request.Role).Scope == DataScope.Subtree
            && (request.Jurisdiction is not { } code || sp.GetRequiredService<ReferenceData>().Current.FindJurisdiction(code) is null))
        {
            // Otherwise the role would see nothing, and the file would be empty without saying why.
            throw CliException.Usage($"{request.Role} needs --jurisdiction with a known jurisdiction code.");
        }
        var caller = new Caller("cli:" + (request.Subject ?? Environment.UserName), request.Role, request.Jurisdiction,
            request.Channel, Authenticated: true, request.Department);
        sp.GetRequiredService<AccessScope>().Establish(caller, sp.GetRequiredService<ReferenceData>().Current,
            sp.GetRequiredService<PrivacySettings>().MinimumPublicGroup);
        // A refusal (DomainException) reaches the CLI, which prints its code and exits 1.
        var parameters = new ExportParameters(request.Values, sp.GetRequiredService<NeedFilterJson>(), sp.GetRequiredService<CityDays>());
        var exporter = sp.GetRequiredService<Exporter>();
        var export = await exporter.PrepareAsync(kind, format, parameters, cancellationToken);
        var total = export.Rows ?? 1;
        await using var stream = file == "-" ? Console.OpenStandardOutput() : File.Create(file);
        var rows = await WriteWithProgressAsync(exporter, export, stream, file, total, context, cancellationToken);
        await (file == "-" ? context.Error : context.Output).WriteLineAsync($"{kind}.{format.Extension()}: {rows} rows written to {file} as {request.Role} (audited)");
        return ExitCodes.Ok;
    }

    /// <summary>A terminal gets a progress bar (gone before the summary line); a pipe or a log gets a line every 100,000 rows.</summary>
    private static async Task<long> WriteWithProgressAsync(Exporter exporter, PreparedExport export, Stream stream, string file, long total,
        CliContext context, CancellationToken cancellationToken)
    {
        // Standard output carries the file itself when FILE is -: the lines go to standard error, and no bar is drawn.
        using var progress = CliProgress.Start(context, $"{export.Kind}.{export.Format.Extension()} → {file}", total, 100_000, context.Error, allowBar: file != "-");
        var rows = await exporter.WriteAsync(export, stream, n => progress.Report(n, Math.Max(total, n), $"{n:N0} of {total:N0} rows"), cancellationToken);
        progress.Report(rows, rows, $"{rows:N0} rows");
        return rows;
    }
}
