using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Needs;
using NeedsMap.DemoCity.Schools;

namespace NeedsMap.DemoCity.Tests.Schools;

public sealed class SchoolDistrictTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Six_districts_surround_their_schools_without_overlapping()
    {
        var districts = SchoolDistricts.For(DemoBoundaryGenerator.Yiwu);
        Assert.Equal(6, districts.Count);
        Assert.All(districts, d => Assert.True(d.Boundary.Covers(d.Location), d.Name));
        Assert.All(districts, d => Assert.NotEmpty(d.CommunityCodes));
        Assert.Equal(districts.Sum(d => d.CommunityCodes.Count), districts.SelectMany(d => d.CommunityCodes).Distinct().Count());
    }

    [Fact]
    public void Five_years_of_enrolment_needs_follow_the_season_and_top_up_the_demo_year()
    {
        var generator = DemoNeedsGenerator.ForYiwu(Now);
        var demo = generator.Generate(2_000).ToList();
        var enrolment = EnrolmentDemand.Generate(generator.Boundaries, Now, demo);
        Assert.Equal(enrolment.Count, EnrolmentDemand.Generate(generator.Boundaries, Now, demo).Count);
        Assert.All(enrolment, n => Assert.Equal(EnrolmentDemand.Category, n.CategoryCode));
        Assert.All(enrolment, n => Assert.True(generator.Boundaries.Covers(n.CommunityCode, n.Point.Longitude, n.Point.Latitude)));
        Assert.True(enrolment.Min(n => n.ReceivedAt) < Now.UtcDateTime.AddYears(-4));
        Assert.True(enrolment.Max(n => n.ReceivedAt) < Now.UtcDateTime);
        Assert.DoesNotContain(enrolment, n => n.CommunityCode == DemoStory.CommunityCode);
        int Months(params int[] months) => enrolment.Count(n => months.Contains(n.ReceivedAt.AddHours(8).Month));
        Assert.True(Months(5, 6, 7) > 2.5 * Months(11, 12, 1), $"May–July {Months(5, 6, 7)} vs November–January {Months(11, 12, 1)}");
        Assert.Equal(enrolment.Count, enrolment.Select(n => n.ExternalId).Distinct().Count());
    }
}
