using System.Globalization;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Loop.Scenes.Effect;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>
/// scripts/run ends the demo year at the real date, so the story's verdicts must not depend on the day it is run. The
/// calculator's sums, done in memory on the generated needs for every week of a year (scene: the community; control:
/// the street's other communities minus the scenes'), give the booking scene EFFECTIVE and the night patrol NO_EFFECT.
/// </summary>
public sealed class DemoStoryVerdictsAllYearTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void The_booking_scene_works_and_the_night_patrol_does_not_whatever_the_week_the_demo_ends()
    {
        var boundaries = DemoBoundaryGenerator.Yiwu;
        var street = boundaries.Communities.Where(c => c.Jurisdiction.ParentCode == "330782002").Select(c => c.Code).ToHashSet();
        var control = street.Except([DemoBooking.CommunityCode, DemoStory.CommunityCode]).ToHashSet();
        var verdicts = new List<(DateTimeOffset Now, SceneVerdict Booking, SceneVerdict Patrol)>();
        for (var week = 0; week < 52; week++)
        {
            var now = new DateTimeOffset(2025, 12, 1, 7, 0, 0, TimeSpan.Zero).AddDays(7 * week);
            var generator = DemoNeedsGenerator.ForYiwu(now);
            var needs = generator.Generate().ToList();
            verdicts.Add((now,
                Judge(needs, now, generator.BookingOpenedAt, DemoBooking.CategoryCode, DemoBooking.CommunityCode, control),
                Judge(needs, now, generator.LocalDayStartUtc(70), DemoStory.CategoryCode, DemoStory.CommunityCode, control)));
        }
        Assert.All(verdicts, v => Assert.Equal(SceneVerdict.NoEffect, v.Patrol));
        // The control is the street's thin background of vaccination needs: a week or two of the year may fall short.
        var missed = verdicts.Where(v => v.Booking != SceneVerdict.Effective).Select(v => v.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.True(missed.Count <= 2, $"booking not EFFECTIVE for demos ending {string.Join(", ", missed)}");
    }

    private static SceneVerdict Judge(List<DemoNeed> needs, DateTimeOffset now, DateTime startsAt, string category, string scene, HashSet<string> control)
    {
        var start = new DateTimeOffset(startsAt, TimeSpan.Zero);
        var after = Math.Clamp((int)Math.Floor((now - start) / Week), 0, SceneEffectCalculator.MaxWeeks);
        var before = SceneEffectCalculator.MaxWeeks;
        int[] Weekly(Func<string, bool> inArea)
        {
            var counts = new int[before + after];
            foreach (var need in needs.Where(n => n.CategoryCode == category && inArea(n.CommunityCode)))
            {
                var index = (int)Math.Floor((new DateTimeOffset(need.ReceivedAt, TimeSpan.Zero) - start) / Week) + before;
                if (index >= 0 && index < counts.Length)
                {
                    counts[index]++;
                }
            }
            return counts;
        }
        var (s, c) = (Weekly(code => code == scene), Weekly(control.Contains));
        var first = Enumerable.Range(0, before).FirstOrDefault(i => s[i] + c[i] > 0, before);
        (s, c, before) = (s[first..], c[first..], before - first);
        var estimate = DifferenceInDifferences.Compute(s[..before], s[before..], c[..before], c[before..]);
        return after < SceneEffectCalculator.MinWeeksAfter ? SceneVerdict.TooEarly
            : estimate.High is < 0 && estimate.Relative is < 0 ? SceneVerdict.Effective : SceneVerdict.NoEffect;
    }
}
