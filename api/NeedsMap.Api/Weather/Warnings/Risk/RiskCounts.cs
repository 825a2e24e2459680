namespace NeedsMap.Api.Weather.Warnings.Risk;

/// <summary>One need as the risk detector sees it: its matter (community and category), its day, its resident and its text's signals.</summary>
public sealed record RiskNeed(string Community, string Category, DateOnly Day, string? Reporter, string Text, bool RepeatAfterResolved);

/// <summary>What a matter's needs in a span hold: needs, distinct residents, and the needs carrying each signal.</summary>
public sealed record RiskCounts(int Needs, int Residents, int Collective, int Angry, int Repeats, IReadOnlyDictionary<string, int> Words)
{
    public static RiskCounts Empty { get; } = new(0, 0, 0, 0, 0, new Dictionary<string, int>());

    /// <summary>Counts the needs; a need without a reporter key counts as a resident of its own.</summary>
    public static RiskCounts Of(IEnumerable<RiskNeed> needs, bool withWords = false)
    {
        int count = 0, anonymous = 0, collective = 0, angry = 0, repeats = 0;
        var residents = new HashSet<string>(StringComparer.Ordinal);
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var need in needs)
        {
            count++;
            if (need.Reporter is null)
            {
                anonymous++;
            }
            else
            {
                residents.Add(need.Reporter);
            }
            collective += RiskLexicon.IsCollective(need.Text) ? 1 : 0;
            angry += RiskLexicon.IsAngry(need.Text) ? 1 : 0;
            repeats += need.RepeatAfterResolved ? 1 : 0;
            if (withWords)
            {
                foreach (var word in RiskLexicon.WordsIn(need.Text))
                {
                    words[word] = words.GetValueOrDefault(word) + 1;
                }
            }
        }
        return new RiskCounts(count, residents.Count + anonymous, collective, angry, repeats, words);
    }
}
