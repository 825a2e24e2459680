using System.Text.RegularExpressions;

namespace NeedsMap.Api.Security;

/// <summary>
/// Masks personal data in Chinese free text: mobiles (138****5678), landlines (0579-****5678), 18-digit ID
/// numbers (330782********123X) and names after 我叫/姓名/联系人/本人 (张*). Kept independent of the SDK.
/// </summary>
public static partial class PersonalDataMask
{
    public static string Scrub(string text)
    {
        var masked = IdNumber().Replace(text, m => m.Groups[1].Value + "********" + m.Groups[2].Value);
        masked = Mobile().Replace(masked, m => m.Groups[1].Value + "****" + m.Groups[2].Value);
        masked = Landline().Replace(masked, m => m.Groups[1].Value + "-****" + m.Groups[2].Value);
        return Name().Replace(masked, m => m.Groups[1].Value + m.Groups[2].Value[0] + new string('*', m.Groups[2].Value.Length - 1));
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![\d*])(0\d{2,3})[- ]?\d{3,4}(\d{4})(?!\d)")]
    private static partial Regex Landline();

    [GeneratedRegex(@"(我叫|我的名字是|名叫|本人|姓名[:：]?\s*|联系人[:：]?\s*|报告人[:：]?\s*)([\u4e00-\u9fa5]{2,3})")]
    private static partial Regex Name();
}
