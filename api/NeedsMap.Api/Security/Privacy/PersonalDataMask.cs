using System.Text;
using System.Text.RegularExpressions;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Api.Security.Privacy;

public enum PersonalDataKind
{
    Name,
    Phone,
    IdNumber,
    Plate,
    Address,
    Email,
    Account,
}

/// <summary>A stretch of a text that is personal data, and what is shown instead.</summary>
public readonly record struct PersonalDataSpan(int Start, int Length, PersonalDataKind Kind, string Replacement)
{
    public int End => Start + Length;
}

/// <summary>
/// Masks personal data in Chinese free text and addresses, by pattern and by jieba's person-name tagging:
/// mobiles (138****5678), landlines (0579-****5678, and a bare local number next to 电话/座机), ID numbers of 18 and 15
/// digits with a plausible birth date (330782********123X), plates (浙G*****), e-mails (z*******@163.com), QQ, WeChat and
/// bank-card numbers after their cue, names (张*, 欧阳*: the surname stays) wherever jieba tags one (see
/// <see cref="PersonNames"/>) or after a cue (我叫, 联系人, 投诉人…), and house, building, unit and room numbers after a road,
/// village or estate (稠城街道xx路**号*单元***): the road and community stay, the door goes.
/// The one masking function: every text shown to a role without personal data goes through <c>AccessScope.Mask</c> (Security/Auth),
/// and masked roles search texts as masked here (<c>MaskedSearch/MaskedTexts</c>).
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>Stored masked texts of an older version are masked again (<c>MaskedSearch/MaskedTextIndexer</c>).</summary>
    public const int Version = 3;

    private const int MemoSize = 20_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Memo = new(StringComparer.Ordinal);

    /// <summary>The text with its personal data replaced. Remembers recent texts: a page of needs is often read again.</summary>
    public static string Scrub(string text)
    {
        if (Memo.TryGetValue(text, out var known))
        {
            return known;
        }
        var masked = Render(text);
        if (Memo.Count >= MemoSize)
        {
            Memo.Clear();
        }
        Memo[text] = masked;
        return masked;
    }

    private static string Render(string text)
    {
        var spans = Find(text);
        if (spans.Count == 0)
        {
            return text;
        }
        var masked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            masked.Append(text, at, span.Start - at).Append(span.Replacement);
            at = span.End;
        }
        return masked.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The personal data in <paramref name="text"/>, in order and not overlapping (the first detector to claim a stretch keeps it).</summary>
    public static IReadOnlyList<PersonalDataSpan> Find(string text)
    {
        // Full-width digits and letters (１３９…) are read as ASCII; the view has the same length, so positions carry over.
        var view = Halfwidth(text);
        var spans = new List<PersonalDataSpan>();
        Claim(spans, Email().Matches(view), PersonalDataKind.Email, m => text[m.Index] + new string('*', m.Groups[1].Length - 1) + text[(m.Groups[1].Index + m.Groups[1].Length)..(m.Index + m.Length)]);
        Claim(spans, IdNumber18().Matches(view), PersonalDataKind.IdNumber, m => m.Groups[1].Value + "********" + m.Groups[3].Value);
        Claim(spans, IdNumber15().Matches(view), PersonalDataKind.IdNumber, m => m.Groups[1].Value + "******" + m.Groups[3].Value);
        Claim(spans, Mobile().Matches(view), PersonalDataKind.Phone, m => m.Groups[1].Value + "****" + m.Groups[2].Value);
        // A mobile spelt in Chinese numerals (一三八五七九〇一二三四), read digit for digit.
        Claim(spans, Mobile().Matches(ChineseDigits(view)), PersonalDataKind.Phone, m => m.Groups[1].Value + "****" + m.Groups[2].Value);
        Claim(spans, Landline().Matches(view), PersonalDataKind.Phone, m => m.Groups["area"].Value + "-****" + m.Groups["last"].Value);
        ClaimGroup(spans, LocalNumber().Matches(view), PersonalDataKind.Phone, v => Stars(v, keepLast: 4));
        ClaimGroup(spans, AccountNumber().Matches(view), PersonalDataKind.Account, v => Stars(v, keepLast: 4));
        ClaimGroup(spans, ChatAccount().Matches(view), PersonalDataKind.Account, v => Stars(v, keepLast: 0));
        Claim(spans, Plate().Matches(view), PersonalDataKind.Plate, m => m.Groups[1].Value + new string('*', m.Groups[2].Length));
        foreach (var name in Names(text))
        {
            Add(spans, new PersonalDataSpan(name.Start, name.Length, PersonalDataKind.Name,
                string.Concat(text.AsSpan(name.Start, name.SurnameLength), new string('*', name.Length - name.SurnameLength))));
        }
        Claim(spans, HouseNumber().Matches(view), PersonalDataKind.Address, m => Numeral().Replace(text.Substring(m.Index, m.Length), "*"));
        Claim(spans, RoomNumber().Matches(view), PersonalDataKind.Address, m => new string('*', m.Length));
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }

    /// <summary>Names jieba tags, and names after a cue word (我叫, 联系人…) that jieba did not tag.</summary>
    private static IEnumerable<NameSpan> Names(string text)
    {
        var tagged = PersonNames.Shared.Find(text);
        foreach (var name in tagged)
        {
            yield return name;
        }
        foreach (Match cue in NameCue().Matches(text))
        {
            var start = cue.Index + cue.Length;
            if (tagged.Any(n => n.Start <= start && start < n.Start + n.Length))
            {
                continue;
            }
            var surname = Surnames.LengthAt(text, start);
            if (surname == 0)
            {
                continue;
            }
            // The longest plausible name (surname and one or two characters) that ends where the sentence breaks.
            for (var given = 2; given >= 1; given--)
            {
                var end = start + surname + given;
                if (end <= text.Length && Enumerable.Range(start, end - start).All(i => Surnames.IsHan(text[i])) && EndsName(text, end))
                {
                    yield return new NameSpan(start, end - start, surname);
                    break;
                }
            }
        }
    }

    private static bool EndsName(string text, int end) => end == text.Length || !Surnames.IsHan(text[end]);

    private static void Claim(List<PersonalDataSpan> spans, MatchCollection matches, PersonalDataKind kind, Func<Match, string> replacement)
    {
        foreach (Match m in matches)
        {
            Add(spans, new PersonalDataSpan(m.Index, m.Length, kind, replacement(m)));
        }
    }

    /// <summary>Claims the value a cue introduced: the first group that matched (the cue itself stays).</summary>
    private static void ClaimGroup(List<PersonalDataSpan> spans, MatchCollection matches, PersonalDataKind kind, Func<string, string> replacement)
    {
        foreach (Match m in matches)
        {
            if (m.Groups.Values.Skip(1).FirstOrDefault(g => g.Success) is { } g)
            {
                Add(spans, new PersonalDataSpan(g.Index, g.Length, kind, replacement(g.Value)));
            }
        }
    }

    private static void Add(List<PersonalDataSpan> spans, PersonalDataSpan span)
    {
        if (span.Length > 0 && !spans.Any(s => s.Start < span.End && span.Start < s.End))
        {
            spans.Add(span);
        }
    }

    private static string Stars(string value, int keepLast) =>
        new string('*', Math.Max(0, value.Length - keepLast)) + value[Math.Max(0, value.Length - keepLast)..];

    /// <summary>
    /// What the patterns read: full-width forms as ASCII (１３８, ＠, （０５７９）, ．), every dash a Chinese keyboard types
    /// (－ — – ‐) as '-', the ideographic space as ' ' and 。 as '.' (163。com). One character for one, so positions carry over.
    /// </summary>
    private static string Halfwidth(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(chars[i] - 0xFEE0),
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' => '-',
                '\u3000' => ' ',
                '\u3002' or '\uFF61' => '.',
                _ => chars[i],
            };
        }
        return new string(chars);
    }

    /// <summary>The view with Chinese digit characters (〇零一…九) as ASCII digits, one for one.</summary>
    private static string ChineseDigits(string view)
    {
        var chars = view.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var digit = "〇一二三四五六七八九".IndexOf(chars[i], StringComparison.Ordinal);
            chars[i] = digit >= 0 ? (char)('0' + digit) : chars[i] == '零' ? '0' : chars[i];
        }
        return new string(chars);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // Region code, a birth date from 1900 on, sequence and check digit; the date keeps order numbers and the like unmasked.
    // Written whole or with a space or dash between region, date and sequence (330782 19850312 4319).
    [GeneratedRegex(@"(?<![0-9A-Za-z])([1-9]\d{5})[ -]?((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[ -]?(\d{3}[0-9Xx])(?![0-9A-Za-z])")]
    private static partial Regex IdNumber18();

    [GeneratedRegex(@"(?<![0-9A-Za-z])([1-9]\d{5})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber15();

    // Groups of 3-4-4 run together or parted by a dash, a dot or a space (138.5790.1234; dashes of every kind read as '-').
    [GeneratedRegex(@"(?<!\d)(?:\+?86[-. ]?)?(1[3-9]\d)[-. ]?\d{4}[-. ]?(\d{4})(?!\d)")]
    private static partial Regex Mobile();

    // The area code bare or in brackets ((0579)85123456, （0579）85123456 read as ASCII).
    [GeneratedRegex(@"(?<!\d)(?:\((?<area>0\d{2,3})\)\s?|(?<area>0\d{2,3})[-. ]?)\d{3,4}[-. ]?(?<last>\d{4})(?!\d)")]
    private static partial Regex Landline();

    // A local number without its area code, only next to a word that says it is a phone number.
    [GeneratedRegex(@"(?:电话|座机|固话|号码|打|拨)[^0-9\n]{0,6}?(?<!\d)([2-9]\d{6,7})(?!\d)|(?<!\d)([2-9]\d{6,7})(?!\d)(?=[^0-9\n]{0,4}(?:电话|座机|固话))")]
    private static partial Regex LocalNumber();

    [GeneratedRegex(@"(?:银行卡号?|卡号|账号|帐号)[:：是为\s]*(\d(?:[\d ]{10,22})\d)")]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"(?:QQ|qq|Qq)号?(?:码)?[:：是为\s]*(\d{5,11})(?!\d)|(?:微信号?|vx|VX|wx|WX)[:：是为\s]*([A-Za-z][-_A-Za-z0-9]{5,19})")]
    private static partial Regex ChatAccount();

    [GeneratedRegex(@"(?<![A-Za-z0-9])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z])[·•.\- ]?([A-Z0-9]{5,6})(?![A-Za-z0-9])")]
    private static partial Regex Plate();

    [GeneratedRegex(@"(?:我叫|我的名字是|名叫|叫做|本人|姓名|联系人|报告人|来电人|投诉人|举报人|反映人|户主|业主|租户|房东|我是)[:：]?\s*")]
    private static partial Regex NameCue();

    // After a road-, village- or estate-level word: numbered parts (12号, 3幢, 2单元, 5楼, 501室), then an optional bare room
    // number; or a dashed building-unit-room triple (3-2-501). A number alone ("小区5天没收垃圾") is not an address.
    [GeneratedRegex(@"(?<=(?:路|街|巷|弄|道|里|村|社区|小区|花园|家园|苑|园|庭|府|湾|大厦|公寓|广场|城|坊|组|楼|栋))\s*"
        + @"(?:(?:(?:[0-9]+|[一二三四五六七八九十百零〇]+|[A-Za-z])(?:号楼|号院|号|幢|栋|座|单元|室|层|楼|户|弄|组)[-\s]*)+(?:[0-9]{1,5}(?:室)?)?"
        + @"|[0-9]{1,4}(?:-[0-9]{1,5}){1,3}(?:室)?)")]
    private static partial Regex HouseNumber();

    // A room number wherever it stands (楼上1202室).
    [GeneratedRegex(@"(?<![0-9])[0-9]{3,4}(?=室)")]
    private static partial Regex RoomNumber();

    [GeneratedRegex(@"[0-9０-９一二三四五六七八九十百零〇A-Za-z]")]
    private static partial Regex Numeral();
}
