using System.Globalization;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.DemoCity.Schools;

/// <summary>
/// Five years of school-place needs (education.enrollment, 入学与学位) in the demo's school districts, so a district's
/// forecast by month and year has something to learn: each district's own level and growth (one gets new estates
/// in its fourth year, +40%), the enrolment season (registration in April–July, quiet in winter), the Spring
/// Festival month at 60%, and negative-binomial noise. In the demo year the needs generator already places some
/// enrolment needs at its school hotspots (evenly over the year); this generator's demo-year months are scaled down
/// by the share those already make up of the district's expected year, so the yearly totals have no step where the
/// two sources meet (the demo year's season is a little flatter). Deterministic for a seed and a "now".
/// </summary>
public static class EnrolmentDemand
{
    public const string Category = "education.enrollment";
    public const int Years = 5;
    private static readonly double[] Season = [0.5, 0.5, 0.9, 1.4, 2.0, 2.2, 1.8, 1.5, 0.9, 0.5, 0.4, 0.4];
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly string[] Texts =
    [
        "孩子明年上一年级，想咨询{0}属于哪个学区",
        "{0}新交付的楼盘，孩子入学学位不够，能不能增加班级",
        "我们是新义乌人，居住证积分入学需要哪些材料",
        "{0}的孩子被划到很远的学校，希望调整学区",
        "幼升小报名系统打不开，什么时候截止",
        "二孩上学想和哥哥同校，政策允许吗",
        "学区房买了但户口迁不进来，孩子能读{1}吗",
        "{1}今年招多少个班，学位紧张吗",
        "小升初摇号结果什么时候公布",
        "随迁子女入学被要求补交社保证明，来不及怎么办",
    ];

    public static List<DemoNeed> Generate(DemoBoundaries boundaries, DateTimeOffset now, IReadOnlyCollection<DemoNeed> existing,
        int seed = DemoNeedsGenerator.DefaultSeed)
    {
        var end = now.UtcDateTime;
        var demoStart = end.AddDays(-DemoNeedsGenerator.DefaultWindowDays);
        var firstMonth = new DateTime((end + China).Year - Years, (end + China).Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var index = 0;
        var result = new List<DemoNeed>();
        foreach (var district in SchoolDistricts.For(boundaries))
        {
            var communities = district.CommunityCodes.Where(c => c != DemoStory.CommunityCode)
                .Select(c => (Boundary: boundaries.Get(c), Model: new CommunityModel(boundaries.Get(c), boundaries.Get(boundaries.Get(c).Jurisdiction.ParentCode!).Jurisdiction)))
                .ToArray();
            var sampler = communities.Select(c => new TriangleSampler(c.Boundary.Geometry)).ToArray();
            var table = new WeightedTable<int>(communities.Select((c, i) => (i, c.Model.Weight)));
            var already = existing.Count(n => n.CategoryCode == Category && n.ReceivedAt >= demoStart && district.Boundary.Covers(n.ToPoint()));
            var months = new List<DateTime>();
            for (var month = firstMonth; month + China <= end + China; month = month.AddMonths(1))
            {
                months.Add(month);
            }
            var expectedDemoYear = months.Where(m => DateTime.SpecifyKind(m - China, DateTimeKind.Utc) >= demoStart).Sum(m => Mean(district.School, firstMonth, m));
            var demoYearShare = expectedDemoYear > 0 ? Math.Max(0, 1 - already / expectedDemoYear) : 1;
            var rng = new Rng((ulong)seed, Rng.Hash(district.Code));
            foreach (var month in months)
            {
                var startUtc = DateTime.SpecifyKind(month - China, DateTimeKind.Utc);
                var endUtc = DateTime.SpecifyKind(month.AddMonths(1) - China, DateTimeKind.Utc);
                var missing = NegativeBinomial(ref rng, Mean(district.School, firstMonth, month) * (startUtc >= demoStart ? demoYearShare : 1), 20);
                for (var i = 0; i < missing; i++)
                {
                    var at = startUtc.AddSeconds(rng.NextDouble() * (endUtc - startUtc).TotalSeconds);
                    if (at >= end)
                    {
                        continue;
                    }
                    var pick = table.Sample(ref rng);
                    var (boundary, model) = communities[pick];
                    var channel = rng.Chance(0.6) ? "12345" : "zheliban";
                    var estate = model.Estates[rng.Next(model.Estates.Length)];
                    var text = string.Format(CultureInfo.InvariantCulture, Texts[rng.Next(Texts.Length)], estate, district.School.Name.Replace("学区", "", StringComparison.Ordinal));
                    var local = at + China;
                    result.Add(new DemoNeed(
                        ExternalId: string.Create(CultureInfo.InvariantCulture, $"{channel}-enrol-{local:yyyyMMdd}-{index++:D6}"),
                        ChannelCode: channel,
                        ReceivedAt: at,
                        Text: text,
                        CategoryCode: Category,
                        Point: sampler[pick].Sample(ref rng),
                        Address: model.AddressPrefix + estate,
                        CommunityCode: boundary.Code,
                        Status: StatusModel.For(ref rng, (end - at).TotalDays, false),
                        Weight: 1.0,
                        Reporter: model.Reporter((ulong)seed, ref rng, false)));
                }
            }
        }
        return result;
    }

    private static double Mean(DemoSchool school, DateTime firstMonth, DateTime month)
    {
        var years = (month - firstMonth).TotalDays / 365.25;
        return school.MonthlyLevel * Math.Pow(1 + school.GrowthPerYear, years)
            * (school.NewEstatesYear is { } y && years >= y ? 1.4 : 1) * Season[month.Month - 1]
            * (SpringFestival.DaysFrom(new DateTime(month.Year, month.Month, 15)) is >= -15 and <= 15 ? 0.6 : 1);
    }

    private static int NegativeBinomial(ref Rng rng, double mean, double size)
    {
        // Gamma(size, mean/size) by summing exponentials is slow for large sizes; a normal approximation to the gamma suffices here.
        var gamma = Math.Max(0, mean + rng.NextGaussian() * mean / Math.Sqrt(size));
        var limit = Math.Exp(-gamma);
        if (gamma > 30)
        {
            return Math.Max(0, (int)Math.Round(gamma + rng.NextGaussian() * Math.Sqrt(gamma)));
        }
        var k = 0;
        for (var p = rng.NextDouble(); p > limit; p *= rng.NextDouble())
        {
            k++;
        }
        return k;
    }
}
