using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Weather.Grid;
using NpgsqlTypes;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// What the public (no token) sees of the weather map: cells of 500 m and up (a finer cell is close to a street address, so
/// asking for one is refused rather than answered emptily; a tile asked without a resolution is drawn at the finest one the
/// public may see), under the small-group rule (<see cref="SmallGroups"/>): a cell is shown only when its window holds,
/// in every combination of the filter's conditions (the <c>jurisdictionCode</c> argument among them), at least k needs;
/// the window before it and the older baseline windows are numbers of their own, withheld (as no history) when one of
/// their combinations is small, so a cell with one earlier need reads like a cell with none. A cell takes the
/// jurisdiction of its centre (<see cref="CellDemand"/>), so it has one community and one pattern of jurisdiction conditions.
/// </summary>
public sealed class PublicCells(SmallGroups smallGroups)
{
    public const HexResolution MinimumResolution = HexResolution.R500;

    /// <summary>False makes the guard count every question in a statement of its own over the day rows: for the test that
    /// compares it with the counts the answer's own statement read.</summary>
    internal bool JudgeFromAnswer { get; set; } = true;

    /// <summary>A cell's needs in the window, in the window before it and in the older baseline windows: the parts the guard judges.</summary>
    public readonly record struct WindowPartCounts(int Window, int Previous, int Older);

    public static void Require(AccessScope scope, HexResolution resolution)
    {
        if (scope.IsPublic && resolution < MinimumResolution)
        {
            throw new DomainException(ErrorCodes.ResolutionTooFine,
                $"Without a token cells are {(int)MinimumResolution} m across or more ({MinimumResolution}, R1000, R2500); sign in for finer ones.");
        }
    }

    /// <summary>The resolution a zoom calls for, no finer than the public may see.</summary>
    public static HexResolution ForZoom(AccessScope scope, HexResolution byZoom) =>
        scope.IsPublic && byZoom < MinimumResolution ? MinimumResolution : byZoom;

    /// <summary>The cells a caller is shown: all of them, or for the public those with at least the small-group minimum.</summary>
    public static IReadOnlyList<T> Suppress<T>(AccessScope scope, IReadOnlyList<T> cells, Func<T, int> count) =>
        scope.SuppressGroupsBelow > 0 ? [.. cells.Where(c => count(c) >= scope.SuppressGroupsBelow)] : cells;

    /// <summary>
    /// The cells of <paramref name="answer"/> the public may see, each with the parts of its window that pass.
    /// <paramref name="counted"/> holds each answer cell's counts by part, read by the answer's own statement (null when it read
    /// none): for a jurisdiction-only question they are all the rule needs, so it is judged without another statement, from the
    /// same snapshot as the answer.
    /// </summary>
    public async Task<IReadOnlyList<CellDemandSummary>> GuardAsync(IReadOnlyList<CellDemandSummary> answer, IReadOnlyList<WindowPartCounts>? counted,
        HexResolution resolution, string? jurisdictionCode, NeedFilter? filter, CellWindow window, int baselineWindows, int k, CancellationToken cancellationToken)
    {
        if (answer.Count == 0)
        {
            return answer;
        }
        var conditions = jurisdictionCode is null ? filter
            : NeedFilter.AllOf(filter, new NeedFilter { JurisdictionIn = [jurisdictionCode] });
        var cells = answer.ToDictionary(a => Key(a.Cell.Q, a.Cell.R), a => a, StringComparer.Ordinal);
        GroupDomain DomainOf(string key) => new() { Jurisdictions = [cells[key].JurisdictionCode] };
        var verdict = JudgeFromAnswer && counted is not null && CellFilterSupport.JurisdictionsOnly(conditions)
            // Jurisdictions alone (or nothing) split no cell: a cell has one jurisdiction, so all its needs meet one combination.
            ? smallGroups.JudgeCounted(conditions, answer.SelectMany((a, i) => new[]
                {
                    (Key(a.Cell.Q, a.Cell.R), 0, (long)counted[i].Window),
                    (Key(a.Cell.Q, a.Cell.R), 1, (long)counted[i].Previous),
                    (Key(a.Cell.Q, a.Cell.R), 2, (long)counted[i].Older),
                }), DomainOf, k)
            : await CountAndJudgeAsync(answer, resolution, conditions, window, baselineWindows, k, DomainOf, cancellationToken);

        var shown = new List<CellDemandSummary>(answer.Count);
        foreach (var (key, cell) in cells)
        {
            // A cell whose jurisdiction is not known here cannot be placed in a combination of the conditions: withheld, however
            // the rule was counted.
            if (cell.JurisdictionCode.Length == 0 || !verdict.Shows(key))
            {
                continue;
            }
            // Previous is the window before; the baseline the mean of it and the older windows.
            var older = cell.Baseline * baselineWindows - cell.PreviousDemandIndex;
            var before = verdict.Shows(key, 1) ? cell.PreviousDemandIndex : 0;
            var oldest = baselineWindows > 1 && verdict.Shows(key, 2) ? older : 0;
            shown.Add(cell with { PreviousDemandIndex = before, Baseline = Math.Round((before + oldest) / baselineWindows, 6) });
        }
        return shown;
    }

    /// <summary>The rule judged by a statement of its own, over the day rows (every filter the cells take splits them).</summary>
    private async Task<SmallGroups.Verdict> CountAndJudgeAsync(IReadOnlyList<CellDemandSummary> answer, HexResolution resolution, NeedFilter? conditions,
        CellWindow window, int baselineWindows, int k, Func<string, GroupDomain> domainOf, CancellationToken cancellationToken)
    {
        var p = new SqlParameters();
        var frame = $"""
            d.resolution = {p.Add((short)resolution, NpgsqlDbType.Smallint)}
              AND (d.q, d.r) IN (SELECT * FROM unnest({p.Add(answer.Select(a => a.Cell.Q).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)},
                {p.Add(answer.Select(a => a.Cell.R).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)}))
              AND d.day >= {p.Add(window.FirstDay.AddDays(-window.Days * baselineWindows), NpgsqlDbType.Date)} AND d.day <= {p.Add(window.LastDay, NpgsqlDbType.Date)}
            """;
        var first = p.Add(window.FirstDay, NpgsqlDbType.Date);
        var previous = p.Add(window.FirstDay.AddDays(-window.Days), NpgsqlDbType.Date);
        var source = new CountSource("cell_demand d", "d", "d.q || ',' || d.r", frame, "sum(d.count)", null,
            $"CASE WHEN d.day >= {first} THEN 0 WHEN d.day >= {previous} THEN 1 ELSE 2 END");
        return await smallGroups.JudgeAsync(source, conditions, domainOf, k, p, null, cancellationToken);
    }

    private static string Key(int q, int r) => q.ToString(System.Globalization.CultureInfo.InvariantCulture) + ","
        + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
