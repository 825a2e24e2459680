using System.Text.RegularExpressions;

namespace NeedsMap.Channels.Shared;

/// <summary>Finds a callback number residents type into free text, so it can go into the contact envelope before the text is scrubbed.</summary>
internal static partial class TextContacts
{
    public static string? FindMobile(string? text)
    {
        var match = text is null ? Match.Empty : Mobile().Match(text);
        return match.Success ? match.Value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal) : null;
    }

    [GeneratedRegex(@"(?<!\d)1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)")]
    private static partial Regex Mobile();
}
