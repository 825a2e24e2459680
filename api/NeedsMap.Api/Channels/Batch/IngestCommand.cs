using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Batch;

/// <summary>
/// <c>NeedsMap.Api ingest &lt;channel&gt; &lt;file&gt; [content-type]</c>: a file in the channel's native format through the
/// channel's plugin and the same pipeline as the inbox, in chunks, with a progress bar.
/// </summary>
internal static class IngestCommand
{
    public const string Name = "ingest";

    public static async Task<int> RunAsync(IServiceProvider services, string channel, string file, string? contentType, CliContext context,
        CancellationToken cancellationToken)
    {
        contentType ??= GuessContentType(file);
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        await services.GetRequiredService<ChannelPluginCatalog>().ScanAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var payload = new ChannelPayload(await File.ReadAllBytesAsync(file, cancellationToken), contentType, "file:" + Path.GetFileName(file));
        FileIngestProgress? last = null;
        using (var progress = CliProgress.Start(context, $"{channel}: {Path.GetFileName(file)}", 1, 10_000))
        {
            last = await scope.ServiceProvider.GetRequiredService<FileIngestion>().IngestAsync(channel, payload, "cli:ingest", p =>
            {
                progress.Report(p.Done, Math.Max(1, p.Parsed), p.Counted ? $"{p.Done} of {p.Parsed}: {p.Accepted} accepted, {p.Rejected} quarantined; counted into the map"
                    : $"{p.Done} of {p.Parsed}: {p.Accepted} accepted, {p.Rejected} quarantined");
            }, cancellationToken);
        }
        await context.Output.WriteLineAsync($"{channel}: {last.Accepted} accepted, {last.Rejected} quarantined (see rejectedRecords)");
        return ExitCodes.Ok;
    }

    private static string GuessContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".xml" => "application/xml",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };
}
