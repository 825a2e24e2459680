using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NeedsMap.Sdk.Privacy;

public sealed partial class PersonalData
{
    private const int MaxChineseNameLength = 3;
    private const string NameStops = "住是的在家今电手联身反投来现想要从有男女和与及先老师阿去被也就还说请";

    /// <summary>
    /// Masks the personal data residents write into free Chinese text: mainland mobile numbers, landlines
    /// with an area code (or after 电话/座机), 18-digit ID numbers and names introduced as 我叫X, 姓名：X,
    /// 联系人：X or "my name is X". Masking keeps the same shape as <see cref="MaskPhone"/>,
    /// <see cref="MaskIdNumber"/> and <see cref="MaskName"/>. Scrubbing is idempotent.
    /// </summary>
    public static string ScrubText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scrubbed = IdNumberInText().Replace(text, m => MaskIdNumber(m.Value));
        scrubbed = MobileInText().Replace(scrubbed, m => MaskPhone(m.Value));
        scrubbed = LandlineInText().Replace(scrubbed, m => MaskPhone(m.Value));
        scrubbed = LocalNumberAfterKeyword().Replace(scrubbed, m => MaskPhone(m.Value));
        return NameIntroduction().Replace(scrubbed, MaskIntroducedName);
    }

    /// <summary>
    /// Whether <paramref name="text"/> still holds a phone number or an ID number in clear; what an
    /// adapter's own tests and the conformance kit check every scrubbed field with.
    /// </summary>
    public static bool ContainsUnmaskedContact(string? text) =>
        !string.IsNullOrEmpty(text)
        && (IdNumberInText().IsMatch(text) || MobileInText().IsMatch(text) || LandlineInText().IsMatch(text));

    /// <summary>
    /// Reads the birth date and gender an 18-digit ID number encodes, so an adapter can fill
    /// <see cref="ReporterAttributes.AgeBand"/> and <see cref="ReporterAttributes.Gender"/> before masking it.
    /// Returns <see langword="false"/> for anything that is not a valid number (shape, date or check digit).
    /// </summary>
    public static bool TryReadIdNumber(string? idNumber, out DateOnly birthDate, out Gender gender)
    {
        birthDate = default;
        gender = default;
        if (idNumber is null)
        {
            return false;
        }
        var compact = Compact(idNumber.Trim()).ToUpperInvariant();
        if (!IdNumberShape().IsMatch(compact) || CheckDigit(compact) != compact[17]
            || !DateOnly.TryParseExact(compact.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate))
        {
            return false;
        }
        gender = (compact[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return true;
    }

    /// <summary>The GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits of an ID number.</summary>
    public static char CheckDigit(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        if (idNumber.Length < 17 || idNumber.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("An ID number starts with 17 digits.", nameof(idNumber));
        }
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (idNumber[i] - '0') * weights[i];
        }
        return "10X98765432"[sum % 11];
    }

    private static string MaskIntroducedName(Match match)
    {
        var name = match.Groups["name"].Value;
        if (name.Length > 0 && char.IsAsciiLetter(name[0]))
        {
            return match.Groups["intro"].Value + MaskName(name);
        }
        if (NameStops.Contains(name[0], StringComparison.Ordinal))
        {
            return match.Value;
        }
        var end = Math.Min(name.Length, MaxChineseNameLength + (name.Length >= 3 && CompoundSurnames.Contains(name[..2]) ? 1 : 0));
        for (var i = 1; i < end; i++)
        {
            if (NameStops.Contains(name[i], StringComparison.Ordinal))
            {
                end = i;
                break;
            }
        }
        if (end == 1)
        {
            // A surname alone, as in 陈女士 or 王师傅, identifies no one; it is how case workers address people.
            return match.Value;
        }
        var builder = new StringBuilder(match.Groups["intro"].Value);
        builder.Append(MaskName(name[..end])).Append(name[end..]);
        return builder.ToString();
    }

    [GeneratedRegex(@"^(?:(?:\+|00)?86)?(?<number>1[3-9]\d{9})$")]
    private static partial Regex MobileIdentity();

    [GeneratedRegex(@"^(?<area>0\d{2,3})(?<local>[2-9]\d{6,7})$")]
    private static partial Regex LandlineShape();

    [GeneratedRegex(@"^\d{17}[\dXx]$")]
    private static partial Regex IdNumberShape();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex IdNumberInText();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")]
    private static partial Regex MobileInText();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:0\d{2,3}|[(（]0\d{2,3}[)）])[-\s]?[2-9]\d{6,7}(?!\d)")]
    private static partial Regex LandlineInText();

    [GeneratedRegex(@"(?<=(?:电话|座机|固话|联系方式|tel|Tel|TEL)[:：是为\s]{0,3})(?<![0-9*])[2-9]\d{6,7}(?!\d)")]
    private static partial Regex LocalNumberAfterKeyword();

    // Labels (姓名, 联系人…) count only with a colon: 来电人反映 is not a name.
    [GeneratedRegex(@"(?<intro>(?:(?:我叫|我名叫|我的名字是|我的名字叫|本人叫|名叫|(?i:my name is))\s*[:：]?|(?:姓名|联系人|来电人|反映人|(?i:name))\s*[:：])\s*)(?<name>[\p{IsCJKUnifiedIdeographs}·]{1,5}|[A-Za-z]+(?:[ \-][A-Z][a-z]+){0,2})")]
    private static partial Regex NameIntroduction();
}
