using System.Globalization;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Channels.Quarantine;
using NeedsMap.Api.Common.Telemetry;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>
/// Takes a channel's native payload through its plugin and the one ingestion pipeline, and answers with a receipt per
/// record. The plugin runs isolated: if it throws or overruns its time limit the payload is quarantined as the plugin's
/// fault and the server goes on.
/// </summary>
public sealed class ChannelReceiver(ChannelPluginCatalog catalog, ChannelRegistrar registrar, BatchIngestion ingestion, QuarantineStore quarantine,
    ChannelStats stats, IOptions<ChannelPluginOptions> options, IConfiguration configuration, TimeProvider time, ILogger<ChannelReceiver> logger)
{
    public const string PluginFault = "plugin_fault";
    public const string PluginTimeout = "plugin_timeout";
    private readonly PersonalData _personalData = new(options.Value.IdentitySalt);

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
            parsed = await RunIsolatedAsync(limit => adapter.Parse(payload, Context(channelCode, limit)), cancellationToken);
        }
        catch (PluginFailure failure)
        {
            await registrar.EnsureRegisteredAsync(catalog.FindDescriptor(channelCode) ?? adapter.Descriptor, cancellationToken);
            var entries = await quarantine.AddAsync(channelCode, [new QuarantineItem(null, failure.Reason, failure.Message, payload.GetText(), payload.ContentType)],
                cancellationToken);
            await stats.RecordAsync(channelCode, DeliveryCounts.None with { NewlyQuarantined = entries[0].IsNew ? 1 : 0 }, failure.Message, cancellationToken);
            return new ReceiveResult([new RecordReceipt(null, ReceiptOutcome.Quarantined, null, failure.Reason, failure.Message, entries[0].Id)]);
        }
        return await StoreAsync(channelCode, parsed.Records, parsed.Rejected, payload.ContentType, actor, cancellationToken, awaitRollups);
    }

    /// <summary>Stores parsed records and quarantines what the plugin or the pipeline refused; one receipt per record.</summary>
    public async Task<ReceiveResult> StoreAsync(string channelCode, IReadOnlyList<NeedRecord> records, IReadOnlyList<RejectedRecord> parseRejects,
        string contentType, string actor, CancellationToken cancellationToken, bool awaitRollups = true)
    {
        // A delivery may beat the plugin watcher to registering a plugin's new channel.
        if (catalog.FindDescriptor(channelCode) is { } descriptor)
        {
            await registrar.EnsureRegisteredAsync(descriptor, cancellationToken);
        }
        var batch = await ingestion.IngestAsync(records.Select(r => r.ToIncoming(channelCode, actor)).ToList(), null, cancellationToken, awaitRollups);
        var refused = batch.Rejected.Select(r => (Index: (int?)r.Index, Item: new QuarantineItem(r.ExternalId, r.Code, r.Message,
                QuarantineStore.Serialize(records[r.Index]), QuarantineStore.ParsedRecordContentType)))
            .Concat(parseRejects.Select(r => (Index: (int?)null, Item: new QuarantineItem(r.ExternalId, r.ReasonCode, r.Message, r.RawFragment, contentType))))
            .ToList();
        var entries = await quarantine.AddAsync(channelCode, [.. refused.Select(r => r.Item)], cancellationToken);

        var receipts = new RecordReceipt?[records.Count];
        foreach (var stored in batch.Accepted)
        {
            receipts[stored.Index] = new RecordReceipt(stored.ExternalId, OutcomeOf(stored.Outcome), NeedId(stored.NeedId));
        }
        var afterRecords = new List<RecordReceipt>();
        for (var i = 0; i < refused.Count; i++)
        {
            var (index, item) = refused[i];
            var receipt = new RecordReceipt(item.ExternalId, ReceiptOutcome.Quarantined, null, item.Reason, item.Message, entries[i].Id);
            if (index is { } at)
            {
                receipts[at] = receipt;
            }
            else
            {
                afterRecords.Add(receipt);
            }
        }
        var result = new ReceiveResult([.. receipts.OfType<RecordReceipt>(), .. afterRecords]);
        await stats.RecordAsync(channelCode, new DeliveryCounts(result.Stored, result.Revised, result.Unchanged, entries.Count(e => e.IsNew)), null,
            cancellationToken);
        NeedsMapMetrics.Ingested(channelCode, ReceiptOutcome.Stored, result.Stored);
        NeedsMapMetrics.Ingested(channelCode, ReceiptOutcome.Revised, result.Revised);
        NeedsMapMetrics.Ingested(channelCode, ReceiptOutcome.Unchanged, result.Unchanged);
        NeedsMapMetrics.Ingested(channelCode, ReceiptOutcome.Quarantined, result.Quarantined);
        return result;
    }

    private static string OutcomeOf(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Created => ReceiptOutcome.Stored,
        IngestOutcome.Revised => ReceiptOutcome.Revised,
        _ => ReceiptOutcome.Unchanged,
    };

    private static string NeedId(long id) => GlobalId.Encode(NeedGraphType.TypeName, id.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Runs plugin code off the request thread with a time limit; anything it throws is its fault, not ours. The token the
    /// call gets is cancelled when the limit passes, so a plugin that honours it stops; one that does not is abandoned.
    /// </summary>
    internal Task<T> RunIsolatedAsync<T>(Func<CancellationToken, T> call, CancellationToken cancellationToken) =>
        RunIsolatedTaskAsync(limit => Task.FromResult(call(limit)), cancellationToken);

    /// <summary><see cref="RunIsolatedAsync{T}"/> for plugin code that is asynchronous (a pull): the limit covers the whole call.</summary>
    internal async Task<T> RunIsolatedTaskAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.CallTimeout);
        var work = Task.Run(async () => Complete(await call(limit.Token)), CancellationToken.None);
        try
        {
            return await work.WaitAsync(options.Value.CallTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default); // an abandoned call that fails later is not unobserved
            logger.LogWarning("A channel plugin did not answer within {Seconds} s; its call was abandoned", options.Value.CallTimeout.TotalSeconds);
            throw new PluginFailure(PluginTimeout, $"The plugin did not answer within {options.Value.CallTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "A channel plugin failed");
            // The plugin's own words, with the personal data they may quote (a phone number it could not parse) masked: the
            // receipt and the quarantine entry keep this message in clear. No .NET type name: the integrator reads the message.
            throw new PluginFailure(PluginFault, $"The plugin failed on this payload: {PersonalDataMask.Scrub(ex.Message)}");
        }
    }

    /// <summary>
    /// A plugin's answer with nothing missing: its lists are non-nullable by annotation only, and a null record would fail
    /// outside the isolation (a 500, nothing stored or quarantined) instead of as the plugin's fault.
    /// </summary>
    private static T Complete<T>(T answer)
    {
        var (records, rejected) = answer switch
        {
            ParseResult p => (p.Records, p.Rejected),
            PullBatch b => (b.Records, b.Rejected),
            null => throw new InvalidOperationException("It returned null instead of a result."),
            _ => ((IReadOnlyList<NeedRecord>?)[], (IReadOnlyList<RejectedRecord>?)[]),
        };
        if (records is null || rejected is null || records.Any(r => r is null) || rejected.Any(r => r is null))
        {
            throw new InvalidOperationException("Its result holds a null list, record or rejection.");
        }
        return answer;
    }

    internal sealed class PluginFailure(string reason, string message) : Exception(message)
    {
        public string Reason { get; } = reason;
    }
}
