using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Weather.Events;

/// <summary>The cell events the public hears (<see cref="PublicCellFeed"/>).</summary>
public sealed class PublicCellChangeHub : Hub<CellChange>;

/// <summary>
/// cellChanged for the public (and residents, who see the weather as the public does): a cell when the public's map shows it
/// differently, by <see cref="PublicViewFeed{TKey, TItem}"/>. The map is the default question at the resolution subscribed to:
/// the whole city, the last <see cref="CellQueryDefaults.WindowDays"/> days up to today and the default baseline, under the
/// small-group rule. A need in a cell the rule hides changes nothing the public sees, so the public hears nothing of it.
/// </summary>
public sealed class PublicCellFeed(CellChangeHub changes, PublicCellChangeHub hub, IServiceScopeFactory scopes, ReferenceData reference,
    CityDays days, IConfiguration configuration, ILogger<PublicCellFeed> logger) : PublicViewFeed<HexResolution, CellDemandSummary>(scopes, reference, configuration, logger)
{
    private static readonly (string Prefix, HexResolution Resolution)[] Resolutions = [.. Enum.GetValues<HexResolution>()
        .Where(r => r >= PublicCells.MinimumResolution).Select(r => ($"r{(int)r}:", r))];

    protected override DateOnly Today => days.Today;

    protected override IDisposable HearRawChanges() => changes.Subscribe(Heard);

    protected override async Task<IReadOnlyDictionary<string, CellDemandSummary>> ReadAsync(IServiceProvider services, HexResolution resolution,
        CancellationToken cancellationToken)
    {
        var cells = await services.GetRequiredService<CellReader>().ReadAsync(resolution, null, null, null,
            new CellWindow(Today, CellQueryDefaults.WindowDays), CellQueryDefaults.BaselineWindows, cancellationToken);
        return cells.ToDictionary(c => c.Cell.Id, StringComparer.Ordinal);
    }

    protected override void Publish(HexResolution resolution, string item, CellDemandSummary? now, CellDemandSummary? before)
    {
        var code = (now ?? before)!.JurisdictionCode;
        hub.Publish(new CellChange(item, code, Reference.Current.FindJurisdiction(code)?.Path ?? ""));
    }

    private void Heard(CellChange change)
    {
        foreach (var (prefix, resolution) in Resolutions)
        {
            if (change.CellId.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (IsWatched(resolution))
                {
                    Changed([resolution]);
                }
                return;
            }
        }
    }
}
