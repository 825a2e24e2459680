using NeedsMap.Api.Channels.Inbox;
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
    private const int ChunkSize = 5000;

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
        var receiver = scope.ServiceProvider.GetRequiredService<ChannelReceiver>();
        var payload = new ChannelPayload(await File.ReadAllBytesAsync(file), contentType, "file:" + Path.GetFileName(file));
        var adapter = receiver.AdapterFor(channel);
        var parsed = await receiver.RunIsolatedAsync(() => adapter.Parse(payload, receiver.Context(CancellationToken.None)), CancellationToken.None);
        var chunks = parsed.Records.Chunk(ChunkSize).ToList();
        using var bar = new ProgressBar(Math.Max(1, parsed.Records.Count), $"{channel}: {Path.GetFileName(file)}",
            new ProgressBarOptions { ProgressCharacter = '─', DisplayTimeInRealTime = false });
        var (accepted, rejected) = (0, 0);
        for (var i = 0; i < Math.Max(1, chunks.Count); i++)
        {
            var records = chunks.Count == 0 ? [] : chunks[i];
            var result = await receiver.StoreAsync(channel, records, i == 0 ? parsed.Rejected : [], contentType, "cli:ingest", CancellationToken.None);
            (accepted, rejected) = (accepted + result.Accepted, rejected + result.Rejected);
            bar.Tick(Math.Min(parsed.Records.Count, (i + 1) * ChunkSize), $"{accepted} accepted, {rejected} quarantined");
        }
        Console.WriteLine($"{channel}: {accepted} accepted, {rejected} quarantined (see rejectedRecords)");
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
