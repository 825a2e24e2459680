using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Weather.Trends.Holidays;

/// <summary>Reads and edits the city's holiday table; forecasts take their <see cref="HolidayCalendar"/> from it.</summary>
public sealed class HolidayTable(NeedsMapDbContext db, AccessScope scope, TimeProvider time)
{
    public const int MaxSpanDays = 31;

    public async Task<HolidayCalendar> CalendarAsync(CancellationToken cancellationToken) =>
        new((await db.Set<Holiday>().AsNoTracking().ToListAsync(cancellationToken)).Select(h => h.ToSpan()));

    public Task<List<Holiday>> ListAsync(int? year, CancellationToken cancellationToken) =>
        db.Set<Holiday>().AsNoTracking().Where(h => year == null || h.Year == year)
            .OrderBy(h => h.FirstDay).ThenBy(h => h.Kind).ToListAsync(cancellationToken);

    public async Task<Holiday> SetAsync(SetHolidayInput input, CancellationToken cancellationToken)
    {
        if (input.Year is < HolidaySeeder.FirstYear or > 2100)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"year takes {HolidaySeeder.FirstYear} to 2100.");
        }
        if (input.LastDay < input.FirstDay || input.LastDay.DayNumber - input.FirstDay.DayNumber + 1 > MaxSpanDays)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"lastDay must be on or after firstDay, at most {MaxSpanDays} days in all.");
        }
        if (Math.Abs(input.FirstDay.Year - input.Year) > 1)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "firstDay must lie in the holiday's year (or next to it, for a span across New Year).");
        }
        var name = input.Name?.Trim();
        if (name is { Length: > 50 })
        {
            throw new DomainException(ErrorCodes.InvalidInput, "name takes at most 50 characters.");
        }
        var row = await db.Set<Holiday>().SingleOrDefaultAsync(h => h.Kind == input.Kind && h.Year == input.Year, cancellationToken);
        if (row is null)
        {
            row = new Holiday
            {
                Kind = input.Kind, Year = input.Year, Name = string.IsNullOrEmpty(name) ? DefaultName(input.Kind) : name,
                FirstDay = input.FirstDay, LastDay = input.LastDay, Source = "city",
            };
            db.Add(row);
        }
        row.Name = string.IsNullOrEmpty(name) ? row.Name : name;
        (row.FirstDay, row.LastDay, row.Source) = (input.FirstDay, input.LastDay, "city");
        (row.UpdatedAt, row.UpdatedBy) = (time.GetUtcNow(), scope.Actor);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>Takes a holiday out of a year (the seeder never puts it back: it fills only years the table lacks).</summary>
    public async Task<bool> RemoveAsync(HolidayKind kind, int year, CancellationToken cancellationToken) =>
        await db.Set<Holiday>().Where(h => h.Kind == kind && h.Year == year).ExecuteDeleteAsync(cancellationToken) > 0;

    private static string DefaultName(HolidayKind kind) => ChineseHolidays.For(2026, 2026).First(s => s.Kind == kind).Name;
}
