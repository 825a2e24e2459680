using System.Text.RegularExpressions;

namespace NeedsMap.Sdk;

/// <summary>
/// What a <see cref="ChannelDescriptor"/> must keep to, because the host stores and routes by it: the code is a
/// database key and a URL segment (<c>/channels/{code}/inbox</c>), the name is shown to operators. The conformance kit
/// and the host both check descriptors with <see cref="Check"/>; the host lists a plugin that fails as FAILED with the
/// problems and loads nothing of it.
/// </summary>
public static partial class DescriptorLimits
{
    /// <summary>The longest <see cref="ChannelDescriptor.Code"/>: 32 characters.</summary>
    public const int MaxCodeLength = 32;

    /// <summary>The longest <see cref="ChannelDescriptor.Name"/>: 100 characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest <see cref="ChannelDescriptor.Description"/>: 2,000 characters.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>The longest media type in <see cref="ChannelDescriptor.NativeFormat"/> or <see cref="ChannelDescriptor.AcceptedFormats"/>: 100 characters.</summary>
    public const int MaxFormatLength = 100;

    /// <summary>The most media types in <see cref="ChannelDescriptor.AcceptedFormats"/>: 10.</summary>
    public const int MaxAcceptedFormats = 10;

    /// <summary>The heaviest <see cref="ChannelDescriptor.Weight"/>: 10 ordinary reports.</summary>
    public const double MaxWeight = 10;

    /// <summary>
    /// Whether <paramref name="code"/> is a channel code: 1 to <see cref="MaxCodeLength"/> characters of lower-case ASCII
    /// letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit (<c>12345</c>, <c>four-platforms</c>).
    /// </summary>
    public static bool IsValidCode(string? code) => code is { Length: > 0 and <= MaxCodeLength } && CodePattern().IsMatch(code);

    /// <summary>Whether <paramref name="mediaType"/> is a bare media type like <c>application/json</c> (lower case, no parameters).</summary>
    public static bool IsMediaType(string? mediaType) => mediaType is { Length: > 0 and <= MaxFormatLength } && MediaTypePattern().IsMatch(mediaType);

    /// <summary>Every way <paramref name="descriptor"/> breaks the limits, as sentences for an operator; empty when it keeps to them.</summary>
    public static IReadOnlyList<string> Check(ChannelDescriptor? descriptor)
    {
        if (descriptor is null)
        {
            return ["The descriptor is null."];
        }
        var problems = new List<string>();
        if (!IsValidCode(descriptor.Code))
        {
            problems.Add(descriptor.Code is { Length: > MaxCodeLength }
                ? $"Code is {descriptor.Code.Length} characters long; at most {MaxCodeLength} are allowed."
                : $"Code '{descriptor.Code}' is not a lower-case key of letters, digits, '-' and '_' like '12345' or 'four-platforms'.");
        }
        CheckText(descriptor.Name, nameof(ChannelDescriptor.Name), MaxNameLength, problems);
        CheckText(descriptor.Description, nameof(ChannelDescriptor.Description), MaxDescriptionLength, problems);
        if (!IsMediaType(descriptor.NativeFormat))
        {
            problems.Add($"NativeFormat '{descriptor.NativeFormat}' is not a lower-case media type like 'application/json'.");
        }
        var accepted = descriptor.AcceptedFormats;
        if (accepted is null || accepted.Count is 0 or > MaxAcceptedFormats)
        {
            problems.Add($"AcceptedFormats must list 1 to {MaxAcceptedFormats} media types.");
        }
        else
        {
            foreach (var format in accepted.Where(f => !IsMediaType(f)))
            {
                problems.Add($"AcceptedFormats holds '{format}', which is not a lower-case media type.");
            }
            if (!accepted.Contains(descriptor.NativeFormat, StringComparer.Ordinal))
            {
                problems.Add("AcceptedFormats does not include NativeFormat.");
            }
        }
        if (!Enum.IsDefined(descriptor.CoordinateSystem))
        {
            problems.Add($"CoordinateSystem {(int)descriptor.CoordinateSystem} is not defined.");
        }
        if (!double.IsFinite(descriptor.Weight) || descriptor.Weight is <= 0 or > MaxWeight)
        {
            problems.Add($"Weight {descriptor.Weight} is not a number above 0 and at most {MaxWeight}.");
        }
        return problems;
    }

    private static void CheckText(string? value, string field, int maxLength, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{field} is empty.");
        }
        else if (value.Length > maxLength)
        {
            problems.Add($"{field} is {value.Length} characters long; at most {maxLength} are allowed.");
        }
        else if (value.Any(char.IsControl))
        {
            problems.Add($"{field} holds control characters.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[a-z]+/[a-z0-9.+-]+$")]
    private static partial Regex MediaTypePattern();
}
