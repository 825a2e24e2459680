using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Jurisdictions;

/// <summary>
/// Finds the jurisdiction an address names: the longest jurisdiction name found in the address wins, and a
/// community beats its street. Names are matched with and without their 社区/村/街道/镇 suffix.
/// </summary>
public sealed class AddressGazetteer(ReferenceData reference)
{
    private static readonly string[] Suffixes = ["社区居民委员会", "社区居委会", "居民委员会", "村民委员会", "村委会", "居委会", "社区", "街道", "镇", "村"];

    public JurisdictionInfo? Match(string address)
    {
        JurisdictionInfo? best = null;
        var bestLength = 0;
        foreach (var j in reference.Current.Jurisdictions)
        {
            foreach (var name in NamesOf(j))
            {
                if (name.Length < 2 || !address.Contains(name, StringComparison.Ordinal))
                {
                    continue;
                }
                var better = best is null || j.Level > best.Level || (j.Level == best.Level && name.Length > bestLength);
                if (better)
                {
                    best = j;
                    bestLength = name.Length;
                }
            }
        }
        return best;
    }

    private static IEnumerable<string> NamesOf(JurisdictionInfo j)
    {
        yield return j.OfficialName;
        yield return j.Name;
        foreach (var suffix in Suffixes)
        {
            if (j.Name.EndsWith(suffix, StringComparison.Ordinal) && j.Name.Length - suffix.Length >= 2)
            {
                yield return j.Name[..^suffix.Length];
            }
        }
    }
}
