using System.Security.Cryptography;
using System.Text;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Divisions;
using NeedsMap.DemoCity.Needs;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.DemoCity.Tests.Needs;

public sealed class DemoNeedsGeneratorTests
{
    private static IReadOnlyList<DemoNeed> Needs => DemoNeeds.Default;

    [Fact]
    public void The_default_demo_has_20000_needs()
    {
        Assert.Equal(20_000, Needs.Count);
    }

    [Fact]
    public void The_same_seed_and_clock_give_identical_needs()
    {
        var again = new DemoNeedsGenerator(DemoBoundaryGenerator.Yiwu, DemoNeeds.Now).Generate().ToList();
        Assert.Equal(Fingerprint(Needs), Fingerprint(again));
    }

    [Fact]
    public void A_longer_stream_begins_with_the_shorter_one()
    {
        var longer = DemoNeeds.Generator.Generate(25_000).Take(Needs.Count).ToList();
        Assert.Equal(Fingerprint(Needs), Fingerprint(longer));
        Assert.Equal(Needs[1234], DemoNeeds.Generator.At(1234));
    }

    [Fact]
    public void In_received_order_the_stream_holds_the_same_needs_ordered_by_time()
    {
        var ordered = DemoNeeds.Generator.GenerateInReceivedOrder(Needs.Count).ToList();
        Assert.Equal(Fingerprint(Needs.OrderBy(n => n.ExternalId, StringComparer.Ordinal)),
            Fingerprint(ordered.OrderBy(n => n.ExternalId, StringComparer.Ordinal)));
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.ReceivedAt <= pair.Second.ReceivedAt,
            $"{pair.First.ExternalId} at {pair.First.ReceivedAt:O} before {pair.Second.ExternalId} at {pair.Second.ReceivedAt:O}"));
        Assert.NotEqual(Fingerprint(Needs), Fingerprint(ordered)); // the generator's own order is not time's
    }

    [Fact]
    public void Another_seed_gives_other_needs()
    {
        var other = new DemoNeedsGenerator(DemoBoundaryGenerator.Yiwu, DemoNeeds.Now, seed: 7).Generate(1000).ToList();
        Assert.NotEqual(Fingerprint(Needs.Take(1000)), Fingerprint(other));
    }

    [Fact]
    public void Streaming_is_lazy_so_a_huge_count_costs_nothing_up_front()
    {
        var first = DemoNeeds.Generator.Generate(int.MaxValue).Take(3).ToList();
        Assert.Equal(3, first.Count);
    }

    [Fact]
    public void Every_need_point_falls_inside_its_community_polygon()
    {
        var boundaries = DemoBoundaryGenerator.Yiwu;
        var outside = Needs.Where(n => !boundaries.Covers(n.CommunityCode, n.Point.Longitude, n.Point.Latitude)).ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public void A_need_point_converts_to_an_srid_4326_geometry()
    {
        var need = Needs[0];
        var point = need.ToPoint();
        Assert.Equal(4326, point.SRID);
        Assert.Equal(need.Point.Longitude, point.X);
        Assert.Equal(need.Point.Latitude, point.Y);
    }

    [Fact]
    public void Every_need_uses_known_codes_and_lies_in_the_last_twelve_months()
    {
        var leaves = StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code).ToHashSet();
        var generator = DemoNeeds.Generator;
        Assert.All(Needs, n =>
        {
            Assert.Contains(n.ChannelCode, DemoNeedVocabulary.Channels);
            Assert.Contains(n.CategoryCode, leaves);
            Assert.Contains(n.Status, DemoNeedVocabulary.Statuses);
            Assert.Equal(DateTimeKind.Utc, n.ReceivedAt.Kind);
            Assert.InRange(n.ReceivedAt, generator.WindowStart, generator.Now);
            Assert.StartsWith(n.ChannelCode + "-", n.ExternalId, StringComparison.Ordinal);
            Assert.Contains(n.Reporter.AgeBand, DemoNeedVocabulary.AgeBands);
            Assert.Contains(n.Reporter.Gender, DemoNeedVocabulary.Genders);
            Assert.Contains(n.Reporter.Group, DemoNeedVocabulary.Groups);
            Assert.True(n.Weight >= 1);
            Assert.False(string.IsNullOrWhiteSpace(n.Text));
        });
        Assert.Equal(Needs.Count, Needs.Select(n => n.ExternalId).Distinct().Count());
        Assert.Equal(DemoNeedsGenerator.DefaultWindowDays, (generator.Now - generator.WindowStart).TotalDays);
    }

    [Fact]
    public void Addresses_name_the_street_and_community_of_the_need()
    {
        Assert.All(Needs, n =>
        {
            var community = YiwuDivisions.Get(n.CommunityCode);
            var street = YiwuDivisions.Get(community.ParentCode!);
            Assert.StartsWith(street.Name + community.Name, n.Address, StringComparison.Ordinal);
            Assert.True(n.Address.Length > street.Name.Length + community.Name.Length);
        });
    }

    [Fact]
    public void Hotline_12345_carries_the_most_needs_and_every_channel_is_used()
    {
        var byChannel = Needs.GroupBy(n => n.ChannelCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(DemoNeedVocabulary.Channels.Order(), byChannel.Keys.Order());
        Assert.Equal("12345", byChannel.MaxBy(kv => kv.Value).Key);
        Assert.True(byChannel["12345"] > 0.3 * Needs.Count);
    }

    [Fact]
    public void Emergencies_go_to_120_and_thefts_mostly_to_110_or_12345()
    {
        var medical = Needs.Where(n => n.CategoryCode == "emergency.medical").ToList();
        Assert.True(medical.Count(n => n.ChannelCode == "120") > 0.8 * medical.Count);
        Assert.True(Needs.Count(n => n.ChannelCode == "120" && n.CategoryCode != "emergency.medical") < medical.Count / 2);
    }

    [Fact]
    public void Needs_crowd_into_urban_communities()
    {
        var boundaries = DemoBoundaryGenerator.Yiwu;
        double Density(Func<Jurisdiction, bool> which)
        {
            var codes = YiwuDivisions.Communities.Where(which).Select(c => c.Code).ToHashSet();
            var area = boundaries.Communities.Where(c => codes.Contains(c.Code)).Sum(c => c.AreaSquareKilometres);
            return Needs.Count(n => codes.Contains(n.CommunityCode)) / area;
        }
        var urban = Density(c => c.Kind == JurisdictionKind.Community && YiwuDivisions.Get(c.ParentCode!).Kind == JurisdictionKind.Street);
        var villages = Density(c => c.Kind == JurisdictionKind.Village);
        Assert.True(urban > 10 * villages, $"urban {urban:F0}/km², villages {villages:F1}/km²");
    }

    [Fact]
    public void Texts_vary_within_each_category()
    {
        foreach (var category in Needs.GroupBy(n => n.CategoryCode).Where(g => g.Count() >= 50))
        {
            var distinct = category.Select(n => n.Text).Distinct().Count();
            Assert.True(distinct > 0.5 * category.Count(), $"{category.Key}: {distinct} distinct texts of {category.Count()}");
        }
    }

    [Fact]
    public void Every_leaf_category_has_several_sentence_patterns()
    {
        var leaves = StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code);
        Assert.All(leaves, code => Assert.True(NeedTexts.ByCategory[code].Length >= 3, code));
        Assert.True(NeedTexts.StoryConstruction.Length >= 8);
    }

    [Fact]
    public void One_reporter_key_is_always_the_same_person_and_some_residents_file_again()
    {
        var byKey = Needs.GroupBy(n => n.Reporter.ReporterKey).ToList();
        Assert.All(byKey, g => Assert.Single(g.Select(n => n.Reporter).Distinct()));
        Assert.Contains(byKey, g => g.Count() > 1);
        Assert.All(byKey, g => Assert.Single(g.Select(n => n.CommunityCode).Distinct()));
    }

    [Fact]
    public void Old_needs_are_mostly_resolved_and_the_latest_mostly_new()
    {
        var now = DemoNeeds.Generator.Now;
        var old = Needs.Where(n => now - n.ReceivedAt > TimeSpan.FromDays(60)).ToList();
        Assert.True(old.Count(n => n.Status is "resolved" or "closed") > 0.95 * old.Count);
        var latest = Needs.Where(n => now - n.ReceivedAt < TimeSpan.FromDays(1)).ToList();
        Assert.NotEmpty(latest);
        Assert.All(latest, n => Assert.Contains(n.Status, new[] { "new", "accepted" }));
    }

    [Fact]
    public void A_ten_year_window_spreads_the_needs_over_every_year_and_keeps_the_story_as_loud()
    {
        var decade = new DemoNeedsGenerator(DemoBoundaryGenerator.Yiwu, DemoNeeds.Now, windowDays: 3650);
        var needs = decade.Generate(200_000).ToList();
        Assert.Equal(DemoNeeds.Now.UtcDateTime.AddDays(-3650), decade.WindowStart);
        Assert.All(needs, n => Assert.InRange(n.ReceivedAt, decade.WindowStart, decade.Now));
        // 200,000 needs over ten years are as many a day as 20,000 over one, and the building site's noise, in its last 240 days,
        // is as loud in both: the story does not grow with the window's count.
        static int SiteNoise(IEnumerable<DemoNeed> ns, DateTime now) => ns.Count(n => now - n.ReceivedAt < TimeSpan.FromDays(DemoStory.StartedDaysAgo)
            && n.CommunityCode == DemoStory.CommunityCode && n.CategoryCode == DemoStory.CategoryCode && IsNearSite(n));
        var inDecade = SiteNoise(needs, decade.Now);
        var inYear = SiteNoise(Needs, DemoNeeds.Generator.Now);
        Assert.True(inYear > 200, $"{inYear} complaints near the site in the year's last 240 days");
        Assert.InRange(inDecade, inYear * 0.8, inYear * 1.25);
        // Each of the ten years holds about a tenth (the volume grows 0.85 → 1.15 over the window).
        var byYear = needs.GroupBy(n => (int)((decade.Now - n.ReceivedAt).TotalDays / 365.0)).ToDictionary(g => g.Key, g => g.Count());
        for (var year = 0; year < 10; year++)
        {
            Assert.InRange(byYear.GetValueOrDefault(year) / (double)needs.Count, 0.075, 0.125);
        }
    }

    /// <summary>Within 400 m of the story's building site (its complaints lie within ~90 m; background needs anywhere).</summary>
    private static bool IsNearSite(DemoNeed n)
    {
        var site = DemoNeeds.Generator.StorySite;
        var dy = (n.Point.Latitude - site.Latitude) * 111_320;
        var dx = (n.Point.Longitude - site.Longitude) * 111_320 * Math.Cos(site.Latitude * Math.PI / 180);
        return dx * dx + dy * dy < 400 * 400;
    }

    internal static string Fingerprint(IEnumerable<DemoNeed> needs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var n in needs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(
                $"{n.ExternalId}|{n.ChannelCode}|{n.ReceivedAt:O}|{n.Text}|{n.CategoryCode}|{n.Point.Longitude:R}|{n.Point.Latitude:R}|{n.Address}|{n.CommunityCode}|{n.Status}|{n.Weight:R}|{n.Reporter}\n"));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
