using System.Text.Json;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// A channel's attributes and notes, checked against the limits the SDK publishes (<c>NeedRecord.MaxAttributes</c>,
/// <c>RecordNote.MaxTextLength</c>, …) and written as the JSON the staging table takes; over a limit is INVALID_INPUT.
/// </summary>
internal static class ChannelExtras
{
    public const int MaxAttributes = Sdk.NeedRecord.MaxAttributes;
    public const int MaxAttributeKeyLength = Sdk.NeedRecord.MaxAttributeKeyLength;
    public const int MaxAttributeValueLength = Sdk.NeedRecord.MaxAttributeValueLength;
    public const int MaxNotes = Sdk.NeedRecord.MaxNotes;

    public static (string? Attributes, string? Notes) Serialize(IncomingNeed incoming)
    {
        string? attributes = null;
        if (incoming.Attributes is { Count: > 0 } given)
        {
            Require(given.Count <= MaxAttributes, $"At most {MaxAttributes} attributes per record.");
            Require(given.All(a => a.Key.Length is > 0 and <= MaxAttributeKeyLength && a.Value is not null && a.Value.Length <= MaxAttributeValueLength),
                $"Attribute keys have 1 to {MaxAttributeKeyLength} characters and values at most {MaxAttributeValueLength}.");
            Require(given.All(a => !a.Key.Contains('\0') && !a.Value.Contains('\0')), "Attributes must not contain NUL characters.");
            attributes = JsonSerializer.Serialize(new SortedDictionary<string, string>(given.ToDictionary(), StringComparer.Ordinal));
        }
        string? notes = null;
        if (incoming.Notes is { Count: > 0 } list)
        {
            Require(list.Count <= MaxNotes, $"At most {MaxNotes} notes per record.");
            Require(list.All(n => n.Kind.Length is > 0 and <= Sdk.RecordNote.MaxKindLength && n.Text.Trim().Length is > 0 and <= Sdk.RecordNote.MaxTextLength
                && !n.Kind.Contains('\0') && !n.Text.Contains('\0')),
                $"A note needs a kind of 1 to {Sdk.RecordNote.MaxKindLength} characters and a text of 1 to {Sdk.RecordNote.MaxTextLength}.");
            notes = JsonSerializer.Serialize(list.Select(n => new { at = n.At.UtcDateTime, kind = n.Kind, text = n.Text.Trim() }));
        }
        return (attributes, notes);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(ErrorCodes.InvalidInput, message);
        }
    }
}
