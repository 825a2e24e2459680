using System.Text.Json;
using NeedsMap.Api.Data;
using NeedsMap.Api.Security;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Quarantine;

/// <summary>Keeps what could not be stored, encrypted, with the reason; nothing a channel sent is dropped silently.</summary>
public sealed class QuarantineStore(NeedsMapDbContext db, SecretBox secrets, TimeProvider time)
{
    /// <summary>The content type of a record that parsed but could not be stored: the parsed record as JSON.</summary>
    public const string ParsedRecordContentType = "application/vnd.needsmap.need-record+json";

    public static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<long>> AddAsync(string channelCode, IEnumerable<(string? ExternalId, string Reason, string Message, string Raw, string ContentType)> items,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var records = items.Select(i => new QuarantinedRecord
        {
            ChannelCode = channelCode, ExternalId = Truncate(i.ExternalId, 128), ReasonCode = Truncate(i.Reason, 64)!,
            Message = Truncate(i.Message, 2000)!, RawEncrypted = secrets.Seal(i.Raw, SecretPurpose.Quarantine), ContentType = Truncate(i.ContentType, 200)!,
            ReceivedAt = now,
        }).ToList();
        if (records.Count == 0)
        {
            return [];
        }
        db.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        return records.Select(r => r.Id).ToList();
    }

    public static string Serialize(NeedRecord record) => JsonSerializer.Serialize(record, RecordJson);

    public static NeedRecord? Deserialize(string json) => JsonSerializer.Deserialize<NeedRecord>(json, RecordJson);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
