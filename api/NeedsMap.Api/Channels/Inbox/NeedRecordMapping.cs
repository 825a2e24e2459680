using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>From the SDK's record to the pipeline's input; reporter attributes become the codes the API stores.</summary>
internal static class NeedRecordMapping
{
    public static IncomingNeed ToIncoming(this NeedRecord record, string channelCode, string actor) =>
        new(channelCode, record.ExternalId, record.Version, record.ReceivedAt, record.Text,
            record.Location?.ToGeoPoint(), record.Location?.System ?? CoordinateSystem.Wgs84, record.Address, record.CategoryCode, actor)
        {
            ReporterKey = record.Reporter.ReporterKey,
            ReporterAgeBand = record.Reporter.AgeBand is { } band ? AgeBands.Code(band) : null,
            ReporterGender = record.Reporter.Gender?.ToString().ToLowerInvariant(),
            ReporterGroup = record.Reporter.Group is { } g ? SnakeCase(g.ToString()) : null,
            Contact = record.Contact is { } c ? new ReporterContact(c.Name, c.Phone, c.IdNumber) : null,
            Attributes = record.Attributes.Count > 0 ? record.Attributes : null,
            Status = record.Status is { } s ? ToNeedStatus(s) : null,
            ChannelCategory = record.ChannelCategory,
            Notes = record.Notes?.Select(n => new IncomingNote(n.At, n.Kind, n.Text)).ToList(),
        };

    /// <summary>The SDK's states are the host's, name for name (a test holds them together).</summary>
    public static NeedStatus ToNeedStatus(RecordStatus status) => Enum.Parse<NeedStatus>(status.ToString());

    public static RecordStatus ToRecordStatus(NeedStatus status) => Enum.Parse<RecordStatus>(status.ToString());

    private static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
