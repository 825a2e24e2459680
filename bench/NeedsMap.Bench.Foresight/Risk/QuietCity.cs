using NeedsMap.Api.Weather.Warnings.Risk;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Bench.Foresight.Risk;

/// <summary>
/// A year of quiet needs: the demo city's generator (its texts, joint petitions, repeat reporters and statuses), with
/// no planted episode. A need repeats after an answer when its resident's earlier need in the same top category was
/// resolved or closed — taken as answered 7 days after it arrived (the generator keeps no answer times).
/// </summary>
internal static class QuietCity
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    public const string StoryMatter = DemoStory.CommunityCode + "|noise.construction";

    public static (List<RiskNeed> Needs, DateOnly First, DateOnly Last) Build(int needs, int seed)
    {
        var generator = DemoNeedsGenerator.ForYiwu(Now, seed);
        var raw = generator.Generate(needs).OrderBy(n => n.ReceivedAt).ToList();
        var answered = new Dictionary<string, List<(string Top, DateTime At)>>(StringComparer.Ordinal);
        var result = new List<RiskNeed>(raw.Count);
        foreach (var n in raw)
        {
            var top = n.CategoryCode.Split('.')[0];
            var key = n.Reporter.ReporterKey;
            var repeat = answered.TryGetValue(key, out var earlier) && earlier.Any(e => e.Top == top && e.At < n.ReceivedAt);
            if (n.Status is "resolved" or "closed")
            {
                if (!answered.TryGetValue(key, out var list))
                {
                    answered[key] = list = [];
                }
                list.Add((top, n.ReceivedAt.AddDays(7)));
            }
            result.Add(new RiskNeed(n.CommunityCode, n.CategoryCode, DateOnly.FromDateTime(n.ReceivedAt.AddHours(8)), key, n.Text, repeat));
        }
        return (result, result.Min(r => r.Day), result.Max(r => r.Day));
    }
}
