using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Quarantine;

/// <summary>
/// Retries quarantined records after a fix (a new plugin version, a new jurisdiction, a new category): parse the
/// raw fragment again, or take the parsed record as it was, and run it through the pipeline. A record that fails
/// again stays in quarantine with the new reason.
/// </summary>
public sealed class QuarantineReplayer(NeedsMapDbContext db, SecretBox secrets, ChannelReceiver receiver, BatchIngestion ingestion)
{
    public const int MaxPerCall = 1000;

    public async Task<IReadOnlyList<QuarantinedRecord>> ReplayAsync(IReadOnlyCollection<long> ids, string actor, CancellationToken cancellationToken)
    {
        if (ids.Count > MaxPerCall)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"Replay at most {MaxPerCall} records at a time.");
        }
        var records = await db.Set<QuarantinedRecord>().Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var missing = ids.Except(records.Select(r => r.Id)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException(ErrorCodes.NotFound, $"No quarantined record has the id {missing[0]}.");
        }
        foreach (var record in records.Where(r => r.State == QuarantineState.Quarantined))
        {
            record.Attempts++;
            var (needId, reason, message) = await RetryAsync(record, actor, cancellationToken);
            if (needId is { } id)
            {
                record.State = QuarantineState.Replayed;
                record.NeedId = id;
                record.ReplayedAt = DateTimeOffset.UtcNow;
            }
            else
            {
                record.ReasonCode = reason!;
                record.Message = message!;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return records;
    }

    private async Task<(long? NeedId, string? Reason, string? Message)> RetryAsync(QuarantinedRecord record, string actor, CancellationToken ct)
    {
        var raw = secrets.OpenText(record.RawEncrypted, SecretPurpose.Quarantine);
        IReadOnlyList<NeedRecord> parsed;
        if (record.ContentType == QuarantineStore.ParsedRecordContentType)
        {
            parsed = QuarantineStore.Deserialize(raw) is { } r ? [r] : [];
        }
        else
        {
            try
            {
                var adapter = receiver.AdapterFor(record.ChannelCode);
                var result = await receiver.RunIsolatedAsync(
                    limit => adapter.Parse(ChannelPayload.FromText(raw, record.ContentType, "replay"), receiver.Context(record.ChannelCode, limit)), ct);
                if (result.Rejected is [var again, ..])
                {
                    return (null, again.ReasonCode, again.Message);
                }
                parsed = result.Records;
            }
            catch (ChannelReceiver.PluginFailure failure)
            {
                return (null, failure.Reason, failure.Message);
            }
        }
        if (parsed.Count == 0)
        {
            return (null, RejectReasons.MalformedPayload, "Nothing could be read from the record.");
        }
        var batch = await ingestion.IngestAsync(parsed.Select(p => p.ToIncoming(record.ChannelCode, actor)).ToList(), null, ct);
        return batch.Rejected is [var rejection, ..]
            ? (null, rejection.Code, rejection.Message)
            : (batch.Accepted[0].NeedId, null, null);
    }
}
