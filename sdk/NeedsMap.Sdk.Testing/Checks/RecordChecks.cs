using System.Text.RegularExpressions;
using NeedsMap.Sdk.Categories;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;
using NeedsMap.Sdk.Records;

namespace NeedsMap.Sdk.Testing.Checks;

internal static partial class RecordChecks
{
    // Keys that name personal data, in English and in the pinyin abbreviations Chinese systems use.
    private static readonly HashSet<string> PersonalKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "phone", "mobile", "telephone", "tel", "lxdh", "sjhm", "lxfs", "contact_phone",
        "sfzh", "idcard", "id_card", "id_number", "zjhm",
        "name", "xm", "ldrxm", "fyrxm", "reporter_name", "contact_name",
        "openid", "fromusername", "unionid",
    };

    public static void Check(NeedRecord record, ChannelDescriptor descriptor, ConformanceOptions options, string sample, FindingList findings)
    {
        var id = string.IsNullOrWhiteSpace(record.ExternalId) ? null : record.ExternalId;
        if (id is null)
        {
            findings.Error(ConformanceRules.RecordIncomplete, sample, null, "ExternalId is empty.");
        }
        if (string.IsNullOrWhiteSpace(record.Text))
        {
            findings.Error(ConformanceRules.RecordIncomplete, sample, id, "Text is empty.");
        }
        if (record.Location is null && string.IsNullOrWhiteSpace(record.Address))
        {
            findings.Error(ConformanceRules.RecordIncomplete, sample, id, "Neither a location nor an address.");
        }
        if (record.Version < 0)
        {
            findings.Error(ConformanceRules.VersionInvalid, sample, id, $"Version {record.Version} is negative.");
        }
        if (!ReceivedTimes.Plausible(record.ReceivedAt, options.Now))
        {
            findings.Error(ConformanceRules.ReceivedAtImplausible, sample, id, $"ReceivedAt {record.ReceivedAt:O} is before 2000 or after the clock ({options.Now:O}).");
        }
        CheckPersonalData(record, sample, id, findings);
        CheckLimits(record, options, sample, id, findings);
        CheckLocation(record.Location, descriptor, options, sample, id, findings);
        CheckCategory(record, sample, id, findings);
        if (record.Reporter.ReporterKey is { } key && !HashedKey().IsMatch(key))
        {
            findings.Error(ConformanceRules.ReporterKeyNotHashed, sample, id, "ReporterKey is not 64 lower-case hex digits; hash it with context.PersonalData.HashIdentity.");
        }
    }

    public static void CheckRejection(RejectedRecord rejected, string sample, FindingList findings)
    {
        if (string.IsNullOrWhiteSpace(rejected.ReasonCode) || !ReasonCode().IsMatch(rejected.ReasonCode))
        {
            findings.Error(ConformanceRules.RejectionIncomplete, sample, rejected.ExternalId, $"Reason code '{rejected.ReasonCode}' is not snake_case.");
        }
        if (string.IsNullOrWhiteSpace(rejected.Message))
        {
            findings.Error(ConformanceRules.RejectionIncomplete, sample, rejected.ExternalId, "Message is empty.");
        }
        if (string.IsNullOrEmpty(rejected.RawFragment))
        {
            findings.Error(ConformanceRules.RejectionIncomplete, sample, rejected.ExternalId, "RawFragment is empty; an operator cannot replay it.");
        }
        if (PersonalData.ContainsUnmaskedContact(rejected.Message) || PersonalData.ContainsUnmaskedContact(rejected.ExternalId))
        {
            findings.Error(ConformanceRules.PersonalDataUnmasked, sample, null, "A rejection's message or external id holds a phone or ID number in clear.");
        }
    }

    // What the host keeps of attributes, status and notes; past these it refuses the record (INVALID_INPUT).
    private static void CheckLimits(NeedRecord record, ConformanceOptions options, string sample, string? id, FindingList findings)
    {
        if (record.Attributes.Count > NeedRecord.MaxAttributes)
        {
            findings.Error(ConformanceRules.RecordOutOfLimits, sample, Safe(id), $"{record.Attributes.Count} attributes; the host keeps at most {NeedRecord.MaxAttributes}.");
        }
        foreach (var (key, value) in record.Attributes)
        {
            if (key.Length is 0 or > NeedRecord.MaxAttributeKeyLength || value is null || value.Length > NeedRecord.MaxAttributeValueLength)
            {
                findings.Error(ConformanceRules.RecordOutOfLimits, sample, Safe(id),
                    $"Attribute '{(key.Length > 40 ? key[..40] + "…" : key)}' is over {NeedRecord.MaxAttributeKeyLength} characters of key or {NeedRecord.MaxAttributeValueLength} of value, or empty.");
            }
        }
        if (record.Status is { } status && !Enum.IsDefined(status))
        {
            findings.Error(ConformanceRules.RecordOutOfLimits, sample, Safe(id), $"Status {(int)status} is not defined.");
        }
        if (record.Notes is null)
        {
            findings.Error(ConformanceRules.RecordIncomplete, sample, Safe(id), "Notes is null; leave it empty instead.");
            return;
        }
        if (record.Notes.Count > NeedRecord.MaxNotes)
        {
            findings.Error(ConformanceRules.RecordOutOfLimits, sample, Safe(id), $"{record.Notes.Count} notes; the host keeps at most {NeedRecord.MaxNotes}.");
        }
        foreach (var note in record.Notes)
        {
            if (note is null || string.IsNullOrWhiteSpace(note.Text) || note.Text.Length > RecordNote.MaxTextLength
                || string.IsNullOrWhiteSpace(note.Kind) || note.Kind.Length > RecordNote.MaxKindLength || !ReasonCode().IsMatch(note.Kind))
            {
                findings.Error(ConformanceRules.RecordOutOfLimits, sample, Safe(id),
                    $"A note is empty, over {RecordNote.MaxTextLength} characters, or its kind is not snake_case of at most {RecordNote.MaxKindLength}.");
                continue;
            }
            if (PersonalData.ContainsUnmaskedContact(note.Text))
            {
                findings.Error(ConformanceRules.PersonalDataUnmasked, sample, Safe(id), "A note holds a phone or ID number in clear.");
            }
            if (!ReceivedTimes.Plausible(note.At, options.Now))
            {
                findings.Error(ConformanceRules.ReceivedAtImplausible, sample, Safe(id), $"A note's time {note.At:O} is before 2000 or after the clock.");
            }
        }
    }

    private static void CheckPersonalData(NeedRecord record, string sample, string? id, FindingList findings)
    {
        var fields = new List<(string Field, string? Value)>
        {
            (nameof(NeedRecord.ExternalId), record.ExternalId),
            (nameof(NeedRecord.Text), record.Text),
            (nameof(NeedRecord.Address), record.Address),
            (nameof(NeedRecord.ChannelCategory), record.ChannelCategory),
        };
        fields.AddRange(record.Attributes.Select(a => ($"Attributes[{a.Key}]", (string?)a.Value)));
        foreach (var (field, value) in fields)
        {
            if (PersonalData.ContainsUnmaskedContact(value))
            {
                findings.Error(ConformanceRules.PersonalDataUnmasked, sample, Safe(id), $"{field} holds a phone or ID number in clear.");
            }
            if (record.Contact is { } contact && value is not null && Leaks(contact, value))
            {
                findings.Error(ConformanceRules.ContactLeaked, sample, Safe(id), $"{field} repeats a value of the contact envelope in clear.");
            }
        }
        foreach (var key in record.Attributes.Keys.Where(k => PersonalKeys.Contains(k)))
        {
            findings.Error(ConformanceRules.PersonalAttribute, sample, Safe(id), $"Attribute '{key}' names personal data; put it in Contact or hash it into ReporterKey.");
        }
    }

    private static readonly string[] Honorifics = ["先生", "女士", "小姐", "阿姨", "师傅", "老师", "大爷", "大妈", "老人"];

    // A surname with an honorific (陈女士) is how people are addressed, not who they are.
    private static bool IsIdentifyingName(string name)
    {
        var bare = Honorifics.Aggregate(name.Trim(), (n, h) => n.Replace(h, "", StringComparison.Ordinal));
        return bare.Length >= 2;
    }

    private static bool Leaks(SensitiveContact contact, string value) =>
        (contact.Name is { } name && IsIdentifyingName(name) && value.Contains(name.Trim(), StringComparison.Ordinal))
        || (contact.Phone is { Length: >= 7 } phone && value.Contains(phone, StringComparison.Ordinal))
        || (contact.IdNumber is { Length: >= 8 } idNumber && value.Contains(idNumber, StringComparison.OrdinalIgnoreCase));

    private static void CheckLocation(RecordLocation? location, ChannelDescriptor descriptor, ConformanceOptions options, string sample, string? id, FindingList findings)
    {
        if (location is null)
        {
            return;
        }
        var (lon, lat) = (location.Longitude, location.Latitude);
        if (!double.IsFinite(lon) || !double.IsFinite(lat) || Math.Abs(lon) > 180 || Math.Abs(lat) > 90)
        {
            var swapped = double.IsFinite(lon) && double.IsFinite(lat) && CoordinateConverter.IsInsideChina(new GeoPoint(lat, lon));
            findings.Error(ConformanceRules.CoordinatesImplausible, sample, id,
                swapped ? $"({lon}, {lat}) looks like latitude and longitude swapped." : $"({lon}, {lat}) is not a longitude/latitude.");
            return;
        }
        if (lon == 0 && lat == 0)
        {
            findings.Error(ConformanceRules.CoordinatesImplausible, sample, id, "(0, 0) is a missing location, not a place; leave Location null.");
            return;
        }
        if (!Enum.IsDefined(location.System))
        {
            findings.Error(ConformanceRules.CoordinatesImplausible, sample, id, $"Coordinate system {(int)location.System} is not defined.");
            return;
        }
        if (location.System != descriptor.CoordinateSystem)
        {
            findings.Warning(ConformanceRules.CoordinateSystemMismatch, sample, id, $"Location is {location.System}, the descriptor declares {descriptor.CoordinateSystem}.");
        }
        if (location.System is CoordinateSystem.Gcj02 or CoordinateSystem.Bd09 && !CoordinateConverter.IsInsideChina(location.ToGeoPoint()))
        {
            var swapped = CoordinateConverter.IsInsideChina(new GeoPoint(lat, lon));
            findings.Error(ConformanceRules.CoordinatesImplausible, sample, id,
                swapped
                    ? $"({lon}, {lat}) looks like latitude and longitude swapped."
                    : $"{location.System} only exists inside China; ({lon}, {lat}) is outside.");
            return;
        }
        if (options.ExpectedArea is { } area)
        {
            var wgs = location.ToWgs84();
            if (!area.Contains(wgs.Longitude, wgs.Latitude))
            {
                var swapped = area.Contains(lat, lon);
                findings.Error(ConformanceRules.CoordinatesImplausible, sample, id,
                    swapped
                        ? $"({lon}, {lat}) looks like latitude and longitude swapped."
                        : $"({wgs.Longitude:F6}, {wgs.Latitude:F6}) in WGS-84 is outside the expected area.");
            }
        }
    }

    private static void CheckCategory(NeedRecord record, string sample, string? id, FindingList findings)
    {
        if (record.CategoryCode is { } code && StandardTaxonomy.Find(code) is null)
        {
            findings.Error(ConformanceRules.UnknownCategoryCode, sample, id, $"'{code}' is not a standard taxonomy code.");
        }
        if (record.CategoryCode is null && !string.IsNullOrWhiteSpace(record.ChannelCategory))
        {
            findings.Warning(ConformanceRules.UnmappedCategory, sample, id, $"Channel category '{record.ChannelCategory}' is not mapped to a standard code.");
        }
    }

    private static string? Safe(string? id) => PersonalData.ContainsUnmaskedContact(id) ? "(id withheld)" : id;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashedKey();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ReasonCode();
}
