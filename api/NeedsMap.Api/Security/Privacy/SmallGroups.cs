using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using Npgsql;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>A source of counts for <see cref="SmallGroups"/>: where from, keyed how, counted how.</summary>
/// <param name="From">The FROM clause (with joins), e.g. <c>needs n</c>.</param>
/// <param name="Alias">The alias the filter's conditions are translated for.</param>
/// <param name="Key">The group key as text: the same expression the answer groups by.</param>
/// <param name="Frame">What is counted at all, filter aside: the caller's whole view (the city for the public) and the answer's window.</param>
/// <param name="Needs">How many needs a row holds (<c>count(*)</c>, or a rollup's <c>sum(d.count)</c>).</param>
/// <param name="Residents">How many different people, counting a need without a known reporter as one; null when the source cannot tell.</param>
/// <param name="Slice">A further split of each group that the answer shows as numbers of its own (a window, its baseline), or null.</param>
public sealed record CountSource(string From, string Alias, string Key, string Frame, string Needs, string? Residents, string? Slice = null);

/// <summary>
/// THE small-group rule of public aggregates (issue #17), used by every reader that answers the public. A group of an
/// answer (and each slice of it the answer shows) is shown only when every combination of the filter's conditions
/// (<see cref="FilterConditions"/>) that its needs could meet, inside the filter or outside it, holds at least k needs
/// from at least k people. The group is made of such combinations, so it is never small; whatever a caller adds to or
/// takes from the filter (an or'ed name, a not'ed community, a narrower category) moves the count by whole combinations
/// of at least k. An empty combination counts as small too: otherwise hiding a group would tell that some combination
/// holds one to k-1 needs (is there a garbage complaint in this community?), while showing it tells it holds none.
/// Exact counts otherwise, no noise.
/// </summary>
public sealed class SmallGroups([FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource dataSource, NeedFilterSql filterSql, ReferenceData reference, CityClock clock)
{
    /// <summary>More combinations than this in one group and the group is left out rather than checked.</summary>
    public const int MaxCombinations = 20_000;

    /// <summary>
    /// The groups (and slices, as "key|slice") that pass: all others are left out, or their slice withheld.
    /// <paramref name="parameters"/> already holds what the source's SQL uses.
    /// </summary>
    public async Task<Verdict> JudgeAsync(CountSource source, NeedFilter? filter, Func<string, GroupDomain> domainOf, int k,
        SqlParameters parameters, Action<NpgsqlCommand>? bind, CancellationToken cancellationToken)
    {
        var conditions = FilterConditions.Of(filter);
        var groupBy = new List<string> { "1", "2", "3" };
        var combination = conditions.Count == 0 ? "''"
            : "concat(" + string.Join(", ", conditions.Select(c => "coalesce((" + filterSql.Where(c.Filter, parameters, source.Alias) + ")::int, 0)")) + ")";
        var sql = $"""
            SELECT {source.Key} AS key, {source.Slice ?? "0"}::int AS slice, {combination}::text AS combination,
              ({source.Needs})::bigint AS needs, ({source.Residents ?? source.Needs})::bigint AS residents
            FROM {source.From}
            WHERE {source.Frame}
            GROUP BY {string.Join(", ", groupBy)}
            """;
        await using var command = dataSource.CreateCommand(sql);
        parameters.AddTo(command);
        bind?.Invoke(command);
        var counts = new Dictionary<(string Key, int Slice), Dictionary<string, (long Needs, long Residents)>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var at = (reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt32(1));
                if (!counts.TryGetValue(at, out var combinations))
                {
                    counts[at] = combinations = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
                }
                combinations[reader.GetString(2)] = (reader.GetInt64(3), reader.GetInt64(4));
            }
        }
        return new Verdict(this, conditions, counts, domainOf, k);
    }

    /// <summary>
    /// The same rule for groups the caller has already counted, when every need of a group meets the same combination of the
    /// conditions: a cell under jurisdiction conditions alone (a cell has one jurisdiction), counted by part of the window by the
    /// statement that read the answer. Each group's needs are credited to the one combination its domain allows, as the SQL of
    /// <see cref="JudgeAsync"/> would group them; a group whose domain allows another number of combinations is withheld. Needs
    /// stand for people, as in a source without residents.
    /// </summary>
    public Verdict JudgeCounted(NeedFilter? filter, IEnumerable<(string Key, int Slice, long Needs)> counted, Func<string, GroupDomain> domainOf, int k)
    {
        var conditions = FilterConditions.Of(filter);
        var only = new Dictionary<string, string?>(StringComparer.Ordinal);
        var counts = new Dictionary<(string Key, int Slice), Dictionary<string, (long Needs, long Residents)>>();
        foreach (var (key, slice, needs) in counted)
        {
            if (!only.TryGetValue(key, out var combination))
            {
                only[key] = combination = Combinations(conditions, domainOf(key)) is [var one] ? one : null;
            }
            if (combination is not null)
            {
                counts[(key, slice)] = new Dictionary<string, (long, long)>(StringComparer.Ordinal) { [combination] = (needs, needs) };
            }
        }
        return new Verdict(this, conditions, counts, domainOf, k);
    }

    /// <summary>What the counts say about each group and slice of an answer.</summary>
    public sealed class Verdict(SmallGroups rule, IReadOnlyList<Condition> conditions,
        Dictionary<(string Key, int Slice), Dictionary<string, (long Needs, long Residents)>> counts, Func<string, GroupDomain> domainOf, int k)
    {
        private readonly Dictionary<string, IReadOnlyList<string>?> _possible = new(StringComparer.Ordinal);

        /// <summary>Whether the group's slice may be shown: every combination its needs could meet holds k needs from k people.</summary>
        public bool Shows(string key, int slice = 0)
        {
            if (!_possible.TryGetValue(key, out var possible))
            {
                _possible[key] = possible = rule.Combinations(conditions, domainOf(key));
            }
            if (possible is null)
            {
                return false;
            }
            var found = counts.GetValueOrDefault((key, slice));
            return possible.All(c => found is not null && found.TryGetValue(c, out var n) && n.Needs >= k && n.Residents >= k);
        }
    }

    /// <summary>Every combination of the conditions (as the 0/1 string the SQL writes) that needs of the domain could meet; null when too many.</summary>
    internal IReadOnlyList<string>? Combinations(IReadOnlyList<Condition> conditions, GroupDomain domain)
    {
        if (conditions.Count == 0)
        {
            return [""];
        }
        var snapshot = reference.Current;
        // Per attribute, the distinct patterns its possible values give the conditions on it; the combinations are their product.
        var patterns = new List<(int[] Positions, HashSet<string> Patterns)>
        {
            Attribute(conditions, ConditionKind.Category, domain.Categories ?? snapshot.Categories.Select(c => c.Code).ToList(),
                (c, value) => snapshot.CategoryWithDescendants(c.Code)?.Contains(value) == true),
            Attribute(conditions, ConditionKind.Channel, domain.Channels ?? snapshot.Channels.Select(c => c.Code).ToList(), (c, value) => c.Code == value),
            Attribute(conditions, ConditionKind.Status, domain.Statuses ?? FilterConditions.Statuses, (c, value) => c.Code == value),
            Attribute(conditions, ConditionKind.Jurisdiction, domain.Jurisdictions ?? Holding(snapshot),
                (c, value) => snapshot.FindJurisdiction(c.Code) is { } j && snapshot.FindJurisdiction(value) is { } v && v.Path.StartsWith(j.Path, StringComparison.Ordinal)),
            Times(conditions, domain),
        };
        var size = patterns.Aggregate(1L, (product, p) => product * Math.Max(1, p.Patterns.Count));
        if (size > MaxCombinations || patterns.Any(p => p.Positions.Length > 0 && p.Patterns.Count == 0))
        {
            return null;
        }
        var results = new List<char[]> { new string('0', conditions.Count).ToCharArray() };
        foreach (var (positions, values) in patterns.Where(p => p.Positions.Length > 0))
        {
            results = results.SelectMany(r => values.Select(v =>
            {
                var next = (char[])r.Clone();
                for (var i = 0; i < positions.Length; i++)
                {
                    next[positions[i]] = v[i];
                }
                return next;
            })).ToList();
        }
        return results.Select(r => new string(r)).ToList();
    }

    private static (int[] Positions, HashSet<string> Patterns) Attribute(IReadOnlyList<Condition> conditions, ConditionKind kind,
        IEnumerable<string> values, Func<Condition, string, bool> meets)
    {
        var positions = Enumerable.Range(0, conditions.Count).Where(i => conditions[i].Kind == kind).ToArray();
        var patterns = new HashSet<string>(StringComparer.Ordinal);
        if (positions.Length > 0)
        {
            foreach (var value in values)
            {
                patterns.Add(new string(positions.Select(i => meets(conditions[i], value) ? '1' : '0').ToArray()));
            }
        }
        return (positions, patterns);
    }

    /// <summary>
    /// The time bounds cut time into intervals; each interval that lies within the domain and has begun (no need is
    /// received in the future) is a possible pattern.
    /// </summary>
    private (int[] Positions, HashSet<string> Patterns) Times(IReadOnlyList<Condition> conditions, GroupDomain domain)
    {
        var positions = Enumerable.Range(0, conditions.Count)
            .Where(i => conditions[i].Kind is ConditionKind.ReceivedFrom or ConditionKind.ReceivedBefore).ToArray();
        var patterns = new HashSet<string>(StringComparer.Ordinal);
        if (positions.Length == 0)
        {
            return (positions, patterns);
        }
        var now = clock.Now;
        var cuts = positions.Select(i => conditions[i].At).Distinct().Order().ToList();
        // An interval is represented by its first instant; the first one by an instant before every cut.
        var starts = new List<DateTimeOffset> { DateTimeOffset.MinValue };
        starts.AddRange(cuts);
        for (var s = 0; s < starts.Count; s++)
        {
            var start = starts[s];
            var end = s + 1 < starts.Count ? starts[s + 1] : DateTimeOffset.MaxValue;
            var lower = domain.From is { } from && from > start ? from : start;
            var upper = domain.Before is { } before && before < end ? before : end;
            if (lower >= upper || lower > now)
            {
                continue;
            }
            patterns.Add(new string(positions.Select(i => conditions[i].Kind == ConditionKind.ReceivedFrom
                ? (lower >= conditions[i].At ? '1' : '0')
                : (lower < conditions[i].At ? '1' : '0')).ToArray()));
        }
        return (positions, patterns);
    }

    private static List<string> Holding(ReferenceSnapshot snapshot)
    {
        var parents = snapshot.Jurisdictions.Select(j => j.ParentCode).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return snapshot.Jurisdictions.Where(j => !parents.Contains(j.Code)).Select(j => j.Code).ToList();
    }

    /// <summary>The jurisdictions holding needs under <paramref name="code"/> (itself when it has none below).</summary>
    public IReadOnlyCollection<string> HoldingUnder(string code)
    {
        var snapshot = reference.Current;
        if (snapshot.FindJurisdiction(code) is not { } j)
        {
            return [];
        }
        return Holding(snapshot).Where(c => snapshot.FindJurisdiction(c)!.Path.StartsWith(j.Path, StringComparison.Ordinal)).ToList();
    }
}
