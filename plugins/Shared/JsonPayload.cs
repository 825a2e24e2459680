using System.Globalization;
using System.Text.Json;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Shared;

/// <summary>Splits a JSON payload into its records: a bare array, an object wrapping one, or a single object.</summary>
internal static class JsonPayload
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static bool TryOpen(ChannelPayload payload, IReadOnlyList<string> wrapperKeys, out JsonDocument? document, out List<JsonElement> items, out RejectedRecord? failure)
    {
        items = [];
        document = null;
        failure = null;
        var text = payload.GetText();
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            failure = new RejectedRecord(null, RejectReasons.MalformedPayload, $"Not valid JSON (line {ex.LineNumber + 1}).", text);
            return false;
        }
        var root = document.RootElement;
        // Envelopes nest ({"code":0,"data":{"total":2,"rows":[...]}}): unwrap until no wrapper key is left.
        var unwrapped = true;
        while (root.ValueKind == JsonValueKind.Object && unwrapped)
        {
            unwrapped = false;
            foreach (var key in wrapperKeys)
            {
                if (root.TryGetProperty(key, out var wrapped) && wrapped.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                {
                    root = wrapped;
                    unwrapped = true;
                    break;
                }
            }
        }
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                items.AddRange(root.EnumerateArray());
                return true;
            case JsonValueKind.Object:
                items.Add(root);
                return true;
            default:
                failure = new RejectedRecord(null, RejectReasons.MalformedPayload, $"Expected a JSON object or array, found {root.ValueKind}.", text);
                document.Dispose();
                document = null;
                return false;
        }
    }

    /// <summary>A property as trimmed text, numbers included; <see langword="null"/> when absent or blank.</summary>
    public static string? Text(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>A property as a number, also when sent as a string; <see langword="null"/> when absent, blank or not a number.</summary>
    public static double? Number(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return number;
        }
        return value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>Whether a property is present with a value that is not a number.</summary>
    public static bool HasNonNumber(this JsonElement element, string name) =>
        element.Text(name) is not null && element.Number(name) is null;
}
