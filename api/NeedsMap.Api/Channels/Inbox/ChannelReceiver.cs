using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Channels.Quarantine;
using NeedsMap.Api.Operations.Telemetry;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>
/// Takes a channel's native payload through its plugin and the one ingestion pipeline. The plugin runs isolated:
/// if it throws or overruns its time limit the payload is quarantined as the plugin's fault and the server goes on.
/// </summary>
public sealed class ChannelReceiver(ChannelPluginCatalog catalog, BatchIngestion ingestion, QuarantineStore quarantine,
    ChannelStats stats, IOptions<ChannelPluginOptions> options, IConfiguration configuration, TimeProvider time, ILogger<ChannelReceiver> logger)
{
    public const string PluginFault = "plugin_fault";
    public const string PluginTimeout = "plugin_timeout";
    private readonly PersonalData _personalData = new(options.Value.IdentitySalt);
    private readonly SemaphoreSlim _bookkeeping = new(1, 1);

    public IChannelAdapter AdapterFor(string channelCode) => catalog.FindAdapter(channelCode)
        ?? throw new DomainException(ErrorCodes.UnknownChannel, $"No loaded plugin serves the channel \"{channelCode}\".");

    /// <summary>What a plugin gets for one call, with its channel's settings (<c>NeedsMap:Channels:Settings:&lt;code&gt;:&lt;name&gt;</c>).</summary>
    internal IChannelContext Context(string channelCode, CancellationToken cancellationToken)
    {
        var settings = configuration.GetSection($"NeedsMap:Channels:Settings:{channelCode}").GetChildren()
            .Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase);
        return new HostChannelContext(logger, time, _personalData, settings, cancellationToken);
    }

    /// <param name="awaitRollups">Return only once the derived tables count what was stored (see <see cref="BatchIngestion.IngestAsync"/>).</param>
    public async Task<ReceiveResult> ReceiveAsync(string channelCode, ChannelPayload payload, string actor, CancellationToken cancellationToken,
        bool awaitRollups = true)
    {
        var adapter = AdapterFor(channelCode);
        ParseResult parsed;
        try
        {
            parsed = await RunIsolatedAsync(() => adapter.Parse(payload, Context(channelCode, cancellationToken)), cancellationToken);
        }
        catch (PluginFailure failure)
        {
            var ids = await quarantine.AddAsync(channelCode, [(null, failure.Reason, failure.Message, payload.GetText(), payload.ContentType)], cancellationToken);
            await stats.RecordAsync(channelCode, 0, 1, failure.Message, cancellationToken);
            return new ReceiveResult(0, 1, [], [new ReceiveRejection(null, failure.Reason, failure.Message, ids[0])]);
        }
        return await StoreAsync(channelCode, parsed.Records, parsed.Rejected, payload.ContentType, actor, cancellationToken, awaitRollups);
    }

    /// <summary>Stores parsed records and quarantines what the plugin or the pipeline refused.</summary>
    public async Task<ReceiveResult> StoreAsync(string channelCode, IReadOnlyList<NeedRecord> records, IReadOnlyList<RejectedRecord> parseRejects,
        string contentType, string actor, CancellationToken cancellationToken, bool awaitRollups = true)
    {
        var batch = await ingestion.IngestAsync(records.Select(r => r.ToIncoming(channelCode, actor)).ToList(), null, cancellationToken, awaitRollups);
        var quarantined = parseRejects.Select(r => (r.ExternalId, r.ReasonCode, r.Message, r.RawFragment, contentType))
            .Concat(batch.Rejected.Select(r => ((string?)r.ExternalId, r.Code, r.Message, QuarantineStore.Serialize(records[r.Index]),
                QuarantineStore.ParsedRecordContentType)))
            .ToList();
        List<ReceiveRejection> rejections;
        // The quarantine writes through this request's DbContext, which takes one command at a time; a file stores two chunks at once.
        await _bookkeeping.WaitAsync(cancellationToken);
        try
        {
            var ids = await quarantine.AddAsync(channelCode, quarantined.Select(q => (q.Item1, q.Item2, q.Item3, q.Item4, q.Item5)), cancellationToken);
            rejections = quarantined.Zip(ids, (q, id) => new ReceiveRejection(q.Item1, q.Item2, q.Item3, id)).ToList();
        }
        finally
        {
            _bookkeeping.Release();
        }
        await stats.RecordAsync(channelCode, batch.Accepted.Count, rejections.Count, null, cancellationToken);
        NeedsMapMetrics.Ingested(channelCode, "stored", batch.Accepted.Count);
        NeedsMapMetrics.Ingested(channelCode, "quarantined", rejections.Count);
        return new ReceiveResult(batch.Accepted.Count, rejections.Count, batch.Accepted.Select(a => a.NeedId).Distinct().ToList(), rejections);
    }

    /// <summary>Runs plugin code off the request thread with a time limit; anything it throws is its fault, not ours.</summary>
    internal async Task<T> RunIsolatedAsync<T>(Func<T> call, CancellationToken cancellationToken)
    {
        var work = Task.Run(call, CancellationToken.None);
        try
        {
            return await work.WaitAsync(options.Value.CallTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new PluginFailure(PluginTimeout, $"The plugin did not answer within {options.Value.CallTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "A channel plugin failed");
            throw new PluginFailure(PluginFault, $"The plugin failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    internal sealed class PluginFailure(string reason, string message) : Exception(message)
    {
        public string Reason { get; } = reason;
    }
}
