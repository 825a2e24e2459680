using System.Text.Json;
using Microsoft.Extensions.Logging;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Sdk.Tests.Testing;

/// <summary>
/// A tiny JSON adapter whose faults can be switched on one at a time, to show the conformance kit catches each.
/// Payload: [{"id":"…","text":"…","phone":"…","lon":…,"lat":…}]; a record without "text" is rejected.
/// </summary>
internal sealed class FakeAdapter : IChannelAdapter
{
    public ChannelDescriptor Descriptor { get; init; } =
        new("fake", "测试渠道", "application/json", CoordinateSystem.Gcj02, "A channel for testing the kit.");

    public bool ThrowOnBadData { get; init; }
    public bool RandomIds { get; init; }
    public bool LeakPhoneIntoText { get; init; }
    public bool SwapCoordinates { get; init; }
    public bool UnhashedReporterKey { get; init; }
    public bool ClockAsReceivedAt { get; init; }
    public bool LogPhone { get; init; }
    public string? CategoryCode { get; init; } = "noise.construction";
    public IReadOnlyList<RecordNote> Notes { get; init; } = [];
    public RecordStatus? Status { get; init; }

    public ParseResult Parse(ChannelPayload payload, IChannelContext context)
    {
        using var document = JsonDocument.Parse(payload.GetText());
        var records = new List<NeedRecord>();
        var rejected = new List<RejectedRecord>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            if (!item.TryGetProperty("text", out var textElement))
            {
                if (ThrowOnBadData)
                {
                    throw new KeyNotFoundException("text");
                }
                rejected.Add(new RejectedRecord(id, RejectReasons.MissingField, "'text' is missing.", item.GetRawText()));
                continue;
            }
            var phone = item.GetProperty("phone").GetString()!;
            if (LogPhone && context.Logger.IsEnabled(LogLevel.Information))
            {
                context.Logger.LogInformation("parsed record from {Phone}", phone);
            }
            var text = textElement.GetString()!;
            var (lon, lat) = (item.GetProperty("lon").GetDouble(), item.GetProperty("lat").GetDouble());
            records.Add(new NeedRecord
            {
                ExternalId = RandomIds ? Guid.NewGuid().ToString() : id,
                Version = 1,
                ReceivedAt = ClockAsReceivedAt ? context.Clock.GetUtcNow() : new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)),
                Text = LeakPhoneIntoText ? $"{text} {phone}" : NeedsMap.Sdk.Privacy.PersonalData.ScrubText(text),
                Location = SwapCoordinates ? new RecordLocation(lat, lon, CoordinateSystem.Gcj02) : new RecordLocation(lon, lat, CoordinateSystem.Gcj02),
                CategoryCode = CategoryCode,
                Reporter = new ReporterAttributes(UnhashedReporterKey ? phone : context.PersonalData.HashIdentity(phone), null, null, null),
                Contact = new SensitiveContact(null, phone, null),
                Notes = Notes,
                Status = Status,
            });
        }
        return new ParseResult(records, rejected);
    }
}
