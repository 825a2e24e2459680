using System.Security.Cryptography;
using System.Text;

namespace NeedsMap.Sdk.Privacy;

/// <summary>
/// Masks and hashes personal data. An instance carries the host's secret salt (the one an adapter gets
/// from <see cref="IChannelContext.PersonalData"/>); the masking and scrubbing helpers are static.
/// </summary>
public sealed partial class PersonalData
{
    private readonly byte[] _salt;

    /// <summary>Creates the helper with the host's secret salt.</summary>
    /// <param name="salt">The secret; the same salt gives the same keys, so keep it for the life of the data.</param>
    public PersonalData(string salt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(salt);
        _salt = Encoding.UTF8.GetBytes(salt);
    }

    /// <summary>
    /// The reporter key for an identity (a phone, an ID number, an account id) under the host's salt;
    /// see <see cref="HashIdentity(string, string)"/>.
    /// </summary>
    public string HashIdentity(string identity) => Hash(identity, _salt);

    /// <summary>
    /// Hashes an identity with a salt: HMAC-SHA-256 keyed with the salt's UTF-8 over the
    /// <see cref="NormalizeIdentity">normalized</see> identity's UTF-8, as 64 lower-case hex digits.
    /// The same person's phone gives the same key whichever channel and spelling it came in.
    /// </summary>
    public static string HashIdentity(string identity, string salt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(salt);
        return Hash(identity, Encoding.UTF8.GetBytes(salt));
    }

    /// <summary>
    /// Puts an identity in one spelling: a mainland mobile loses spaces, dashes and a +86/0086 prefix; an ID
    /// number loses spaces and gets an upper-case X; anything else (account ids) is only trimmed.
    /// </summary>
    public static string NormalizeIdentity(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var trimmed = identity.Trim();
        var compact = Compact(trimmed);
        var mobile = MobileIdentity().Match(compact);
        if (mobile.Success)
        {
            return mobile.Groups["number"].Value;
        }
        return IdNumberShape().IsMatch(compact) ? compact.ToUpperInvariant() : trimmed;
    }

    /// <summary>
    /// Masks a phone number, keeping what a case worker needs to tell numbers apart:
    /// a mobile as <c>138****5678</c>, a landline as <c>0579-****3456</c>, anything else all but its last four digits.
    /// </summary>
    public static string MaskPhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var compact = Compact(phone.Trim());
        var mobile = MobileIdentity().Match(compact);
        if (mobile.Success)
        {
            var number = mobile.Groups["number"].Value;
            return $"{number[..3]}****{number[^4..]}";
        }
        var landline = LandlineShape().Match(compact);
        if (landline.Success)
        {
            var local = landline.Groups["local"].Value;
            return $"{landline.Groups["area"].Value}-{new string('*', local.Length - 4)}{local[^4..]}";
        }
        var digits = new string(compact.Where(char.IsAsciiDigit).ToArray());
        return digits.Length <= 4 ? new string('*', digits.Length) : new string('*', digits.Length - 4) + digits[^4..];
    }

    /// <summary>
    /// Masks an ID card number keeping the first four (province and city) and last four characters:
    /// <c>3307**********1234</c>. Anything shorter than nine characters is masked whole.
    /// </summary>
    public static string MaskIdNumber(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var compact = Compact(idNumber.Trim()).ToUpperInvariant();
        return compact.Length < 9
            ? new string('*', compact.Length)
            : compact[..4] + new string('*', compact.Length - 8) + compact[^4..];
    }

    /// <summary>
    /// Masks a name keeping the surname: <c>张三</c> gives <c>张*</c>, <c>欧阳娜娜</c> gives <c>欧阳**</c>;
    /// a Latin-script name keeps the initial of each word: <c>Ahmed Hassan</c> gives <c>A**** H*****</c>.
    /// </summary>
    public static string MaskName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return trimmed;
        }
        if (trimmed.Any(char.IsWhiteSpace))
        {
            return string.Join(' ', trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(MaskWord));
        }
        if (trimmed.Length == 1)
        {
            return "*";
        }
        var surnameLength = trimmed.Length >= 3 && CompoundSurnames.Contains(trimmed[..2]) ? 2 : 1;
        return trimmed[..surnameLength] + new string('*', trimmed.Length - surnameLength);
    }

    private static string MaskWord(string word) => word[..1] + new string('*', word.Length - 1);

    private static string Hash(string identity, byte[] salt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        var mac = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(NormalizeIdentity(identity)));
        return Convert.ToHexStringLower(mac);
    }

    private static string Compact(string value) =>
        new(value.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')' or '（' or '）')).ToArray());

    private static readonly HashSet<string> CompoundSurnames = new(StringComparer.Ordinal)
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "司空",
        "夏侯", "轩辕", "令狐", "钟离", "独孤", "南宫", "西门", "端木", "百里", "呼延", "澹台", "公冶", "太史",
        "申屠", "闻人", "万俟", "赫连", "拓跋", "第五", "左丘", "东郭", "濮阳", "单于",
    };
}
