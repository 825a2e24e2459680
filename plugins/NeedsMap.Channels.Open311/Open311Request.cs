using System.Globalization;
using System.Text;
using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Open311;

/// <summary>
/// One GeoReport v2 service request (with the extensions endpoints add, Chicago's among them) into a record, keeping
/// everything it says: notes become the record's notes, <c>attributes</c> and <c>extended_attributes</c> its attributes
/// (<c>attribute.&lt;code&gt;</c>, <c>extended.&lt;key&gt;</c>), with the status word, status notes, agency, service notice,
/// expected date, zip code, address id and media link; the status is mapped to the host's (<see cref="Open311Status"/>).
/// A point abroad is kept as sent, so the host reports it outside the city; only latitude and longitude swapped is refused.
/// </summary>
internal static class Open311Request
{
    // Keys whose values identify a person; an endpoint's custom attributes sometimes carry them. Never kept.
    private static readonly HashSet<string> PersonalKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "phone", "phone_number", "mobile", "first_name", "last_name", "name", "full_name", "contact", "contact_name",
        "contact_phone", "account_id", "device_id", "id_number",
    };

    public static (NeedRecord?, RejectedRecord?) Parse(JsonElement request, Open311ServiceMap services, CategoryMap keywords)
    {
        var raw = request.GetRawText();
        if (request.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedRecord(null, RejectReasons.MalformedPayload, "A service request is not a JSON object.", raw));
        }
        var id = request.Text("service_request_id");
        if (id is null)
        {
            // GeoReport v2 answers a POST it has not yet assigned an id with a token instead.
            return (null, Rejections.Missing(request.Text("token"), "service_request_id", raw));
        }
        var description = request.Text("description") ?? request.Text("service_name");
        if (description is null)
        {
            return (null, Rejections.Missing(id, "description", raw));
        }
        if (!TryParseTime(request.Text("requested_datetime"), out var requestedAt))
        {
            return (null, Rejections.Invalid(id, "requested_datetime", "is missing or not a W3C date-time", raw));
        }
        var updatedAt = requestedAt;
        if (request.Text("updated_datetime") is { } updated && !TryParseTime(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "updated_datetime", "is not a W3C date-time", raw));
        }
        DateTimeOffset? expectedAt = null;
        if (request.Text("expected_datetime") is { } expected)
        {
            if (!TryParseTime(expected, out var parsed))
            {
                return (null, Rejections.Invalid(id, "expected_datetime", "is not a W3C date-time", raw));
            }
            expectedAt = parsed;
        }
        if (request.HasNonNumber("lat") || request.HasNonNumber("long") || (request.Number("lat") is null) != (request.Number("long") is null))
        {
            return (null, Rejections.Invalid(id, "lat/long", "must both be numbers or both be absent", raw));
        }
        RecordLocation? location = null;
        if (request.Number("long") is { } lon && request.Number("lat") is { } lat && !TryLocate(lon, lat, out location, out var why))
        {
            return (null, Rejections.Invalid(id, "lat/long", why, raw));
        }
        var address = request.Text("address");
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, "address", raw));
        }
        var notes = Notes(request);
        var status = request.Text("status");
        var serviceCode = request.Text("service_code");
        var serviceName = request.Text("service_name");
        var attributes = new Attributes()
            .Add("status", status)
            .Add("status_notes", Scrub(request.Text("status_notes")))
            .Add("agency_responsible", request.Text("agency_responsible"))
            .Add("service_notice", Scrub(request.Text("service_notice")))
            .Add("service_code", serviceCode)
            .Add("expected_datetime", expectedAt?.ToString("O", CultureInfo.InvariantCulture))
            .Add("zipcode", request.Text("zipcode"))
            .Add("address_id", request.Text("address_id"))
            .Add("media_url", request.Text("media_url"));
        AddCustom(request, attributes);
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = requestedAt,
            Text = PersonalData.ScrubText(description),
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = serviceName is null ? serviceCode : serviceCode is null ? serviceName : $"{serviceCode} {serviceName}",
            CategoryCode = services.Map(serviceCode, serviceName) ?? keywords.Map(serviceName, description),
            Reporter = ReporterAttributes.Unknown,
            Attributes = attributes.Build(NeedRecord.MaxAttributes),
            Status = Open311Status.FromOpen311(status, notes),
            Notes = notes,
        };
        return (record, null);
    }

    /// <summary>A W3C date-time with its offset (GeoReport v2 requires one); a local time alone is ambiguous and refused.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10);
    }

    // Open311 is used worldwide: a point outside China is a request the city cannot place (the host says OUTSIDE_CITY),
    // not a broken record. Only what cannot be a place, or is one with latitude and longitude swapped, is refused here.
    private static bool TryLocate(double lon, double lat, out RecordLocation? location, out string why)
    {
        location = null;
        why = "";
        if (!double.IsFinite(lon) || !double.IsFinite(lat) || Math.Abs(lon) > 180 || Math.Abs(lat) > 90)
        {
            why = CoordinateConverter.IsInsideChina(new GeoPoint(lat, lon)) ? "has latitude and longitude swapped" : "is not a longitude/latitude pair";
            return false;
        }
        if (lon == 0 && lat == 0)
        {
            why = "is 0,0, which stands for no position";
            return false;
        }
        if (!CoordinateConverter.IsInsideChina(new GeoPoint(lon, lat)) && CoordinateConverter.IsInsideChina(new GeoPoint(lat, lon)))
        {
            why = "has latitude and longitude swapped";
            return false;
        }
        location = new RecordLocation(lon, lat, CoordinateSystem.Wgs84);
        return true;
    }

    // Chicago puts notes at the top level with extensions=true; other endpoints nest them in extended_attributes.
    private static List<RecordNote> Notes(JsonElement request)
    {
        var notes = new List<RecordNote>();
        foreach (var source in new[] { request.Property("notes"), request.Property("extended_attributes").Property("notes") })
        {
            if (source is not { ValueKind: JsonValueKind.Array } array)
            {
                continue;
            }
            foreach (var note in array.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Object))
            {
                if (!TryParseTime(note.Text("datetime") ?? note.Text("date"), out var at))
                {
                    continue;
                }
                var summary = note.Text("summary");
                var detail = note.Text("description");
                var text = summary is null ? detail : detail is null || detail == summary ? summary : $"{summary} — {detail}";
                if (text is null)
                {
                    continue;
                }
                text = PersonalData.ScrubText(text);
                var kind = Key(note.Text("type") ?? "note", RecordNote.MaxKindLength);
                notes.Add(new RecordNote(at, char.IsAsciiLetter(kind[0]) ? kind : ("note_" + kind)[..Math.Min(RecordNote.MaxKindLength, kind.Length + 5)],
                    text.Length > RecordNote.MaxTextLength ? text[..RecordNote.MaxTextLength] : text));
            }
        }
        return [.. notes.Distinct().OrderBy(n => n.At).ThenBy(n => n.Kind, StringComparer.Ordinal).ThenBy(n => n.Text, StringComparer.Ordinal)];
    }

    // attributes: [{ "code": "…", "value": … }] as most endpoints answer, or { code: value }; extended_attributes: any object.
    private static void AddCustom(JsonElement request, Attributes attributes)
    {
        if (request.Property("attributes") is { } custom)
        {
            if (custom.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in custom.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    if ((item.Text("code") ?? item.Text("name")) is { } code && item.TryGetProperty("value", out var value))
                    {
                        AddValue(attributes, "attribute." + Key(code, 50), value);
                    }
                }
            }
            else if (custom.ValueKind == JsonValueKind.Object)
            {
                Flatten(attributes, "attribute.", custom);
            }
        }
        if (request.Property("extended_attributes") is { ValueKind: JsonValueKind.Object } extended)
        {
            Flatten(attributes, "extended.", extended);
        }
    }

    private static void Flatten(Attributes attributes, string prefix, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("notes"))
            {
                continue;
            }
            var key = prefix + Key(property.Name, NeedRecord.MaxAttributeKeyLength - prefix.Length);
            if (property.Value.ValueKind == JsonValueKind.Object && key.Length < NeedRecord.MaxAttributeKeyLength - 2)
            {
                Flatten(attributes, key + ".", property.Value);
            }
            else
            {
                AddValue(attributes, key, property.Value);
            }
        }
    }

    private static void AddValue(Attributes attributes, string key, JsonElement value)
    {
        if (PersonalKeys.Contains(key[(key.LastIndexOf('.') + 1)..]))
        {
            return;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            _ => null,
        };
        if (Scrub(text) is { } scrubbed)
        {
            attributes.Add(key, scrubbed.Length > NeedRecord.MaxAttributeValueLength ? scrubbed[..NeedRecord.MaxAttributeValueLength] : scrubbed);
        }
    }

    // A key as the host keeps it: lower-case snake_case, within its length.
    private static string Key(string name, int maxLength)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            key.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }
        var text = key.ToString().Trim('_');
        text = text.Length == 0 ? "x" : text;
        return text.Length > maxLength ? text[..maxLength] : text;
    }

    private static string? Scrub(string? text) => string.IsNullOrWhiteSpace(text) ? null : PersonalData.ScrubText(text.Trim());

    private static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static JsonElement? Property(this JsonElement? element, string name) => element is { } e ? e.Property(name) : null;
}
