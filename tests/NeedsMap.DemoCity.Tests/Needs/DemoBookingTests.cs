using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.DemoCity.Tests.Needs;

/// <summary>The vaccination clinic's booking story: its queue complaints fall once booking opens, the rest of its street's do not.</summary>
public sealed class DemoBookingTests
{
    private static readonly TimeSpan Weeks12 = TimeSpan.FromDays(84);

    public static TheoryData<string> Clocks => new() { "2026-11-27T12:00:00Z", "2026-02-10T03:00:00Z", "2026-05-20T18:00:00Z", "2026-08-03T07:00:00Z" };

    [Theory]
    [MemberData(nameof(Clocks))]
    public void Booking_opens_on_the_first_day_of_a_vaccination_wave_with_twelve_weeks_after_it(string clock)
    {
        var generator = new DemoNeedsGenerator(DemoBoundaryGenerator.Yiwu, DateTimeOffset.Parse(clock, System.Globalization.CultureInfo.InvariantCulture));
        var local = generator.BookingOpenedAt.AddHours(8);
        Assert.Equal(TimeSpan.Zero, local.TimeOfDay);
        Assert.Contains((local.Month, local.Day), DemoBooking.OpensOn);
        Assert.InRange((generator.Now - generator.BookingOpenedAt).TotalDays, DemoBooking.MinimumDaysAgo - 1, generator.WindowDays);
        Assert.Equal(generator.BookingOpenedAt, generator.LocalDayStartUtc((generator.Now.AddHours(8).Date - local.Date).Days));
    }

    [Theory]
    [MemberData(nameof(Clocks))]
    public void The_clinics_vaccination_complaints_fall_after_booking_opens_while_the_streets_do_not(string clock)
    {
        var generator = new DemoNeedsGenerator(DemoBoundaryGenerator.Yiwu, DateTimeOffset.Parse(clock, System.Globalization.CultureInfo.InvariantCulture));
        var opened = generator.BookingOpenedAt;
        var vaccination = generator.Generate().Where(n => n.CategoryCode == DemoBooking.CategoryCode
            && n.ReceivedAt >= opened - Weeks12 && n.ReceivedAt < opened + Weeks12).ToList();
        var clinic = vaccination.Where(n => n.Text.Contains(DemoBooking.HotspotName, StringComparison.Ordinal)).ToList();
        var street = vaccination.Where(n => n.CommunityCode.StartsWith("330782002", StringComparison.Ordinal) && n.CommunityCode != DemoBooking.CommunityCode).ToList();
        var clinicAfter = clinic.Count(n => n.ReceivedAt >= opened);
        var clinicBefore = clinic.Count - clinicAfter;
        var streetAfter = street.Count(n => n.ReceivedAt >= opened);
        var streetBefore = street.Count - streetAfter;
        // Waves come and go for everyone alike; the clinic's share of them falls at least by half (the generator spares 92%).
        Assert.True(clinicBefore >= 10 && streetBefore > 0 && streetAfter > 0, $"clinic {clinicBefore}, street {streetBefore} before");
        Assert.True(2.0 * clinicAfter / clinicBefore < (double)streetAfter / streetBefore,
            $"clinic {clinicBefore} → {clinicAfter}, the street's other communities {streetBefore} → {streetAfter}");
    }
}
