using System.Text;

namespace NeedsMap.DemoCity.Needs;

/// <summary>Fills a template with places, times and a resident's way of speaking.</summary>
internal static class TextModel
{
    private static readonly string[] StorySpots =
        ["鸡鸣山那个工地", DemoStory.SiteName, "小区对面的在建工地", "鸡鸣山安置房工地", "江东路边上的工地", "我们楼后面的工地"];

    public static string StorySpot(ref Rng rng) => rng.Pick(StorySpots);

    public static void Write(StringBuilder text, ref Rng rng, string[] templates, string group, string place, string spot, int hour, int joint)
    {
        text.Clear();
        if (joint > 0)
        {
            text.Append("我们").Append(joint).Append("户居民联名反映：");
        }
        else if (group == "foreign_merchant" && rng.Chance(0.5))
        {
            Fill(text, ref rng, rng.Pick(NeedTexts.ForeignMerchantOpeners), place, spot, hour);
        }
        else
        {
            Fill(text, ref rng, rng.Pick(NeedTexts.Openers), place, spot, hour);
        }
        Fill(text, ref rng, rng.Pick(templates), place, spot, hour);
        Fill(text, ref rng, rng.Pick(NeedTexts.Closers), place, spot, hour);
    }

    private static void Fill(StringBuilder text, ref Rng rng, string template, string place, string spot, int hour)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 2 < template.Length && template[i + 2] == '}')
            {
                switch (template[i + 1])
                {
                    case 'p': text.Append(place); break;
                    case 's': text.Append(spot); break;
                    case 'r': text.Append(rng.Pick(NeedTexts.Roads)); break;
                    case 't': text.Append(TimeModel.Phrase(ref rng, hour)); break;
                    case 'd': text.Append(rng.Pick(NeedTexts.Durations)); break;
                    case 'n': text.Append(rng.Next(2, 10)); break;
                    default: text.Append(template, i, 3); break;
                }
                i += 2;
                continue;
            }
            text.Append(c);
        }
    }
}
