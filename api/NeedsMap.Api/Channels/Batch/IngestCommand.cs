using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Data;
using NeedsMap.Sdk;
using ShellProgressBar;

namespace NeedsMap.Api.Channels.Batch;

/// <summary>
/// <c>NeedsMap.Api ingest &lt;channel&gt; &lt;file&gt; [content-type]</c>: a file in the channel's native format through the
/// channel's plugin and the same pipeline as the inbox, in chunks, with a progress bar.
/// </summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length is < 2 or > 3 || !File.Exists(args[1]))
        {
            await Console.Error.WriteLineAsync("usage: NeedsMap.Api ingest <channel-code> <file> [content-type]");
            return 2;
        }
        var (channel, file) = (args[0], args[1]);
        var contentType = args.Length == 3 ? args[2] : GuessContentType(file);
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
        await services.GetRequiredService<ChannelPluginCatalog>().ScanAsync();
        await using var scope = services.CreateAsyncScope();
        var payload = new ChannelPayload(await File.ReadAllBytesAsync(file), contentType, "file:" + Path.GetFileName(file));
        using var bar = new ProgressBar(1, $"{channel}: {Path.GetFileName(file)}",
            new ProgressBarOptions { ProgressCharacter = '─', DisplayTimeInRealTime = false });
        var result = await scope.ServiceProvider.GetRequiredService<FileIngestion>().IngestAsync(channel, payload, "cli:ingest", p =>
        {
            bar.MaxTicks = Math.Max(1, p.Parsed);
            bar.Tick(p.Done, p.Counted ? $"{p.Accepted} accepted, {p.Rejected} quarantined; counted into the map"
                : $"{p.Accepted} accepted, {p.Rejected} quarantined");
        }, CancellationToken.None);
        Console.WriteLine($"{channel}: {result.Accepted} accepted, {result.Rejected} quarantined (see rejectedRecords)");
        return 0;
    }

    private static string GuessContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".xml" => "application/xml",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };
}
