using System.Text;

namespace NeedsMap.DemoCity.Needs;

/// <summary>Fills a template with places, times and a resident's way of speaking.</summary>
internal static class TextModel
{
    private static readonly string[] StorySpots =
        ["鸡鸣山那个工地", DemoStory.SiteName, "小区对面的在建工地", "鸡鸣山安置房工地", "江东路边上的工地", "我们楼后面的工地"];

    // Where a need away from any hotspot happens, when its template names a spot: the kind of place, not a real one.
    private static readonly Dictionary<string, string[]> NearbySpots = new(StringComparer.Ordinal)
    {
        ["education"] = ["附近的小学", "家门口的学校", "学区学校", "附近幼儿园"],
        ["health"] = ["社区卫生服务站", "附近的医院", "镇卫生院"],
        ["market"] = ["附近的农贸市场", "小区门口的超市", "批发市场"],
        ["employment"] = ["附近的厂里", "工地上", "一家电商公司"],
        ["traffic"] = ["小区门口", "路口", "菜市场"],
    };

    public static string StorySpot(ref Rng rng) => rng.Pick(StorySpots);

    public static string NearbySpot(ref Rng rng, string category, string place)
    {
        var top = category[..category.IndexOf('.', StringComparison.Ordinal)];
        return NearbySpots.TryGetValue(top, out var spots) && rng.Chance(0.7) ? rng.Pick(spots) : place;
    }

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
                    case 't': TimeModel.AppendPhrase(text, ref rng, hour); break;
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
