using System.Text.RegularExpressions;

namespace NeedsMap.Api.Security;

/// <summary>
/// Masks personal data in Chinese free text and addresses: mobiles (138****5678), landlines (0579-****5678), 18-digit ID
/// numbers (330782********123X), names after 我叫/姓名/联系人/本人 (张*), and house, building, unit and room numbers after a
/// road, lane, village, community or estate (稠城街道xx路**号*单元***): the road and community stay, the door goes.
/// The one masking function: every text shown to a role without personal data goes through <see cref="AccessScope.Mask"/>.
/// Kept independent of the SDK.
/// </summary>
public static partial class PersonalDataMask
{
    public static string Scrub(string text)
    {
        var masked = IdNumber().Replace(text, m => m.Groups[1].Value + "********" + m.Groups[2].Value);
        masked = Mobile().Replace(masked, m => m.Groups[1].Value + "****" + m.Groups[2].Value);
        masked = Landline().Replace(masked, m => m.Groups[1].Value + "-****" + m.Groups[2].Value);
        masked = Name().Replace(masked, m => m.Groups[1].Value + m.Groups[2].Value[0] + new string('*', m.Groups[2].Value.Length - 1));
        return HouseNumber().Replace(masked, m => Numeral().Replace(m.Value, "*"));
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![\d*])(0\d{2,3})[- ]?\d{3,4}(\d{4})(?!\d)")]
    private static partial Regex Landline();

    [GeneratedRegex(@"(我叫|我的名字是|名叫|本人|姓名[:：]?\s*|联系人[:：]?\s*|报告人[:：]?\s*)([\u4e00-\u9fa5]{2,3})")]
    private static partial Regex Name();

    // After a road-, village- or estate-level word: numbered parts (12号, 3幢, 2单元, 5楼, 501室), then an optional bare room
    // number; or a dashed building-unit-room triple (3-2-501). A number alone ("小区5天没收垃圾") is not an address.
    [GeneratedRegex(@"(?<=(?:路|街|巷|弄|道|里|村|社区|小区|花园|家园|苑|园|庭|府|湾|大厦|公寓|广场|城|坊|组))\s*"
        + @"(?:(?:(?:[0-9０-９]+|[一二三四五六七八九十百零〇]+|[A-Za-z])(?:号楼|号院|号|幢|栋|座|单元|室|层|楼|户|弄)[-\s]*)+(?:[0-9]{1,5}(?:室)?)?"
        + @"|[0-9]{1,4}(?:-[0-9]{1,5}){1,3}(?:室)?)")]
    private static partial Regex HouseNumber();

    [GeneratedRegex(@"[0-9０-９一二三四五六七八九十百零〇A-Za-z]")]
    private static partial Regex Numeral();
}
