using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Weather.Trends.Holidays;

/// <summary>
/// Fills the holiday table with the computed defaults (<see cref="ChineseHolidays"/>) for every year from
/// <see cref="FirstYear"/> to five years ahead that has no row at all, so a year the city edited (or emptied of a
/// holiday) is never touched. Runs after the database initializer, which is registered before it.
/// </summary>
public sealed class HolidaySeeder(IServiceScopeFactory scopes, TimeProvider time) : IHostedService
{
    public const int FirstYear = 2015;
    public const int YearsAhead = 5;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var known = await db.Set<Holiday>().Select(h => h.Year).Distinct().ToHashSetAsync(cancellationToken);
        var now = time.GetUtcNow();
        db.AddRange(ChineseHolidays.For(FirstYear, now.Year + YearsAhead).Where(s => !known.Contains(Year(s))).Select(s => new Holiday
        {
            Kind = s.Kind, Year = Year(s), Name = s.Name, FirstDay = s.First, LastDay = s.Last, Source = "computed", UpdatedAt = now,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another server seeded the same years first (the unique kind and year); its rows are the same.
        }
    }

    // The Spring Festival's eve can fall in the year before its lunar new year only in theory (never in 1901–2100).
    private static int Year(HolidaySpan span) => span.Kind == HolidayKind.SpringFestival ? span.Last.Year : span.First.Year;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
