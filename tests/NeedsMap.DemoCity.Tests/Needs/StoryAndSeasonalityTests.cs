using NeedsMap.DemoCity.Needs;

namespace NeedsMap.DemoCity.Tests.Needs;

public sealed class StoryAndSeasonalityTests
{
    private static IReadOnlyList<DemoNeed> Needs => DemoNeeds.Default;

    private static List<DemoNeed> Jimingshan => Needs.Where(n => n.CommunityCode == DemoStory.CommunityCode).ToList();

    private static List<DemoNeed> JimingshanConstruction => Jimingshan.Where(n => n.CategoryCode == "noise.construction").ToList();

    [Fact]
    public void Jimingshan_residents_top_need_is_construction_noise_by_far()
    {
        var ranked = Jimingshan.GroupBy(n => n.CategoryCode).OrderByDescending(g => g.Count()).ToList();
        Assert.Equal("noise.construction", ranked[0].Key);
        Assert.True(ranked[0].Count() > 5 * ranked[1].Count(), $"{ranked[0].Count()} vs {ranked[1].Key} {ranked[1].Count()}");
        Assert.True(ranked[0].Count() > 0.5 * Jimingshan.Count);
    }

    [Fact]
    public void Jimingshan_construction_complaints_are_about_night_work_and_come_at_night()
    {
        var complaints = JimingshanConstruction;
        string[] nightWords = ["夜间施工", "半夜", "打桩", "工地", "凌晨", "晚上"];
        Assert.True(complaints.Count(n => nightWords.Any(n.Text.Contains)) > 0.9 * complaints.Count);
        Assert.True(complaints.Count(n => n.LocalHour() is >= 21 or < 5) > 0.7 * complaints.Count);
        Assert.True(complaints.Select(n => n.Text).Distinct().Count() > 0.5 * complaints.Count);
    }

    [Fact]
    public void Jimingshan_construction_complaints_cluster_around_the_building_site()
    {
        var site = DemoNeeds.Generator.StorySite;
        double Metres(DemoNeed n) => Math.Sqrt(
            Math.Pow((n.Point.Longitude - site.Longitude) * 111_195 * Math.Cos(site.Latitude * Math.PI / 180), 2) +
            Math.Pow((n.Point.Latitude - site.Latitude) * 111_195, 2));
        var construction = JimingshanConstruction.Select(Metres).Order().ToList();
        var others = Jimingshan.Where(n => n.CategoryCode != "noise.construction").Select(Metres).Order().ToList();
        Assert.True(construction.Count(d => d < 250) > 0.8 * construction.Count);
        Assert.True(others[others.Count / 2] > 2 * construction[construction.Count / 2]);
    }

    [Fact]
    public void Jimingshan_construction_complaints_rise_over_recent_months()
    {
        var now = DemoNeeds.Generator.Now;
        int InMonthsAgo(int from, int to) => JimingshanConstruction.Count(n =>
            n.ReceivedAt > now.AddDays(-30 * to) && n.ReceivedAt <= now.AddDays(-30 * from));
        var lastThree = InMonthsAgo(0, 3);
        var threeBefore = InMonthsAgo(3, 6);
        Assert.True(lastThree > 2 * threeBefore, $"last three months {lastThree}, three before {threeBefore}");
        Assert.True(InMonthsAgo(0, 1) > InMonthsAgo(5, 6));
    }

    [Fact]
    public void The_same_few_residents_keep_complaining_about_the_site()
    {
        var complaints = JimingshanConstruction;
        var residents = complaints.Select(n => n.Reporter.ReporterKey).Distinct().Count();
        Assert.InRange(residents, 20, complaints.Count * 0.6);
    }

    [Fact]
    public void School_enrolment_needs_peak_from_June_to_August()
    {
        var perMonth = PerMonth("education.enrollment");
        Assert.True(Average(perMonth, 6, 7, 8) > 3 * Average(perMonth, 1, 2, 3, 10, 11, 12));
    }

    [Fact]
    public void Vaccination_needs_come_in_spring_and_autumn_waves()
    {
        // The booking clinic's community is left out: its complaints fall once booking opens (a wave start), by design.
        var vaccination = Needs.Where(n => n.CategoryCode == "health.vaccination" && n.CommunityCode != DemoBooking.CommunityCode).ToList();
        var perMonth = Enumerable.Range(1, 12).Select(m => (double)vaccination.Count(n => n.LocalMonth() == m)).ToArray();
        Assert.True(Average(perMonth, 10) > 2 * Average(perMonth, 6, 7, 8));
        Assert.True(Average(perMonth, 3, 4) > 1.5 * Average(perMonth, 6, 7, 8));
    }

    [Fact]
    public void Noise_complaints_rise_in_summer()
    {
        var noise = Needs.Where(n => n.CategoryCode.StartsWith("noise.", StringComparison.Ordinal)
            && n.CommunityCode != DemoStory.CommunityCode).ToList();
        var perMonth = Enumerable.Range(1, 12).Select(m => (double)noise.Count(n => n.LocalMonth() == m)).ToArray();
        Assert.True(Average(perMonth, 6, 7, 8) > 1.5 * Average(perMonth, 12, 1, 3));
    }

    [Fact]
    public void Wage_arrears_peak_before_the_Spring_Festival()
    {
        var perMonth = PerMonth("employment.wage_arrears");
        Assert.True(Average(perMonth, 12, 1) > 2.5 * Average(perMonth, 4, 5, 6, 7));
    }

    [Fact]
    public void Flooding_needs_follow_the_plum_rains()
    {
        var perMonth = PerMonth("utilities.drainage");
        Assert.True(Average(perMonth, 6, 7) > 3 * Average(perMonth, 11, 12, 1));
    }

    [Fact]
    public void Fewer_needs_arrive_during_the_Spring_Festival()
    {
        var perMonth = Enumerable.Range(1, 12).Select(m => (double)Needs.Count(n => n.LocalMonth() == m)).ToArray();
        Assert.True(perMonth[1] < 0.75 * Average(perMonth, 3, 4, 5), $"February {perMonth[1]}");
    }

    private static double[] PerMonth(string category) =>
        Enumerable.Range(1, 12).Select(m => (double)Needs.Count(n => n.CategoryCode == category && n.LocalMonth() == m)).ToArray();

    private static double Average(double[] perMonth, params int[] months) => months.Average(m => perMonth[m - 1]);
}
