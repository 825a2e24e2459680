using NeedsMap.Api.Reference;
using NeedsMap.DemoCity.Boundaries;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Union;

namespace NeedsMap.Api.Divisions;

/// <summary>
/// Checks a city's divisions and boundaries against each other and against what is stored, and works out what an
/// import would write — without touching the store. Errors: INVALID_ROW, DUPLICATE_CODE, UNKNOWN_PARENT, CYCLE,
/// SECOND_CITY, TOO_DEEP, LEVEL_MISMATCH, LEVEL_CHANGE, INVALID_BOUNDARY, DUPLICATE_BOUNDARY, MISSING_BOUNDARY,
/// OUTSIDE_PARENT, OVERLAP, GAP. Warnings: GENERATED (children given generated boundaries), UNMATCHED_BOUNDARY,
/// NOT_IN_FILE. Shares are of area (degrees², fine for ratios at a city's scale) and compared with the tolerance.
/// </summary>
public static class DivisionPlanner
{
    public const string Official = "official";
    public const string Generated = "generated";
    public const double DefaultTolerance = 0.001;
    private const int MaxDepth = 4;

    public static DivisionPlan Plan(IReadOnlyList<DivisionRow> rows, IReadOnlyDictionary<string, MultiPolygon> boundaries,
        IReadOnlyList<Jurisdiction> existing, double tolerance, IEnumerable<DivisionIssue>? readIssues = null)
    {
        var issues = new List<DivisionIssue>(readIssues ?? []);
        var stored = existing.ToDictionary(j => j.Code, StringComparer.Ordinal);
        var byCode = new Dictionary<string, DivisionRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!byCode.TryAdd(row.Code, row))
            {
                issues.Add(DivisionIssue.Error("DUPLICATE_CODE", row.Code, $"line {row.Line}: {row.Code} is already on line {byCode[row.Code].Line}."));
            }
        }
        string? ParentOf(string code) => byCode.TryGetValue(code, out var r) ? r.ParentCode : stored.GetValueOrDefault(code)?.ParentCode;

        // Levels and paths, walking up each chain; a division whose chain is broken is left out of the plan.
        var resolved = new Dictionary<string, (JurisdictionLevel Level, string Path)>(StringComparer.Ordinal);
        foreach (var row in byCode.Values)
        {
            var chain = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? code = row.Code;
            string? problem = null;
            while (code is not null)
            {
                if (!seen.Add(code))
                {
                    problem = code == row.Code ? "CYCLE" : "BROKEN";
                    break;
                }
                chain.Add(code);
                if (!byCode.ContainsKey(code) && !stored.ContainsKey(code))
                {
                    // Reported once, by the row whose own parent is missing; its descendants are left out silently.
                    problem = chain.Count == 2 ? "UNKNOWN_PARENT" : "BROKEN";
                    break;
                }
                code = ParentOf(code);
            }
            if (problem is not null)
            {
                if (problem == "CYCLE")
                {
                    issues.Add(DivisionIssue.Error("CYCLE", row.Code, $"line {row.Line}: {row.Code} is its own ancestor."));
                }
                else if (problem == "UNKNOWN_PARENT")
                {
                    issues.Add(DivisionIssue.Error("UNKNOWN_PARENT", row.Code, $"line {row.Line}: the parent {row.ParentCode} is neither in the file nor stored."));
                }
                continue;
            }
            chain.Reverse();
            var path = string.Concat(chain.Select(c => c + "."));
            resolved[row.Code] = ((JurisdictionLevel)chain.Count, path);
        }
        var roots = byCode.Values.Where(r => r.ParentCode is null).Select(r => r.Code)
            .Concat(existing.Where(j => j.ParentCode is null).Select(j => j.Code)).Distinct(StringComparer.Ordinal).ToList();
        if (roots.Count > 1)
        {
            issues.Add(DivisionIssue.Error("SECOND_CITY", roots[1], $"one city per store: {string.Join(", ", roots)} would all be cities."));
        }
        foreach (var row in byCode.Values.Where(r => resolved.ContainsKey(r.Code)))
        {
            var (level, _) = resolved[row.Code];
            if ((int)level > MaxDepth)
            {
                issues.Add(DivisionIssue.Error("TOO_DEEP", row.Code, $"line {row.Line}: {row.Code} lies {(int)level} levels down; city, street, community and grid are the four."));
            }
            else if (row.Level is { } declared && declared != level)
            {
                issues.Add(DivisionIssue.Error("LEVEL_MISMATCH", row.Code, $"line {row.Line}: declared {declared} but its parents make it {level}."));
            }
            else if (stored.TryGetValue(row.Code, out var s) && s.Level != level)
            {
                issues.Add(DivisionIssue.Error("LEVEL_CHANGE", row.Code, $"line {row.Line}: stored as {s.Level}, the file makes it {level}; a division keeps its level."));
            }
        }
        foreach (var code in boundaries.Keys.Where(c => !byCode.ContainsKey(c)))
        {
            issues.Add(DivisionIssue.Warning("UNMATCHED_BOUNDARY", code, $"the boundary of {code} matches no row of the table; ignored."));
        }
        var retained = existing.Where(j => !byCode.ContainsKey(j.Code)).ToList();
        if (retained.Count > 0)
        {
            issues.Add(DivisionIssue.Warning("NOT_IN_FILE", retained[0].Code,
                $"{retained.Count} stored divisions are not in the file and stay as they are (first: {string.Join(", ", retained.Take(5).Select(j => j.Code))})."));
        }
        if (issues.Any(i => i.Severity == DivisionIssueSeverity.Error))
        {
            return new DivisionPlan([], issues, retained.Count);
        }

        var planned = Boundaries(byCode, resolved, boundaries, stored, tolerance, issues);
        return new DivisionPlan(planned, issues, retained.Count);
    }

    private static List<PlannedDivision> Boundaries(Dictionary<string, DivisionRow> byCode, Dictionary<string, (JurisdictionLevel Level, string Path)> resolved,
        IReadOnlyDictionary<string, MultiPolygon> files, Dictionary<string, Jurisdiction> stored, double tolerance, List<DivisionIssue> issues)
    {
        // Final boundary per code (file, stored or generated) and whether it changed in this import.
        var final = new Dictionary<string, (MultiPolygon Boundary, Point Interior, string Source, bool Changed)>(StringComparer.Ordinal);
        var childrenOf = byCode.Values.Where(r => r.ParentCode is not null).Select(r => r.Code)
            .Concat(stored.Values.Where(j => j.ParentCode is not null && !byCode.ContainsKey(j.Code)).Select(j => j.Code))
            .GroupBy(c => byCode.TryGetValue(c, out var r) ? r.ParentCode! : stored[c].ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        (MultiPolygon, Point, string, bool) FromFile(string code, MultiPolygon b)
        {
            var changed = !stored.TryGetValue(code, out var s) || !Same(s.Boundary, b);
            return (b, changed || s is null ? SubdivisionGenerator.InteriorOf(b) : s.InteriorPoint, Official, changed);
        }

        var roots = byCode.Values.Where(r => r.ParentCode is null).Select(r => r.Code)
            .Concat(stored.Values.Where(j => j.ParentCode is null).Select(j => j.Code)).Distinct(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var root in roots)
        {
            if (files.TryGetValue(root, out var b))
            {
                final[root] = FromFile(root, b);
            }
            else if (stored.TryGetValue(root, out var s))
            {
                final[root] = (s.Boundary, s.InteriorPoint, s.BoundarySource, false);
            }
            else
            {
                issues.Add(DivisionIssue.Error("MISSING_BOUNDARY", root, $"the city {root} needs a boundary (its outline) in the boundaries file."));
                continue;
            }
            queue.Enqueue(root);
        }
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            if (!childrenOf.TryGetValue(parent, out var children))
            {
                continue;
            }
            var parentFinal = final[parent];
            var withFile = children.Where(files.ContainsKey).ToList();
            if (withFile.Count == 0)
            {
                var keep = !parentFinal.Changed && children.All(c => stored.ContainsKey(c) && stored[c].ParentCode == parent);
                if (keep)
                {
                    foreach (var c in children)
                    {
                        final[c] = (stored[c].Boundary, stored[c].InteriorPoint, stored[c].BoundarySource, false);
                    }
                }
                else
                {
                    // An outline-only parent (or one whose outline changed): its children tile it, generated as the demo's are.
                    var pieces = SubdivisionGenerator.Subdivide(parentFinal.Boundary, children.Count);
                    for (var i = 0; i < children.Count; i++)
                    {
                        var changed = !stored.TryGetValue(children[i], out var s) || !Same(s.Boundary, pieces[i].Boundary);
                        final[children[i]] = (pieces[i].Boundary, pieces[i].Interior, Generated, changed);
                    }
                    issues.Add(DivisionIssue.Warning("GENERATED", parent,
                        $"{children.Count} divisions under {parent} have no boundary in the file: generated ones tile {parent} (stored as \"generated\")."));
                }
            }
            else
            {
                foreach (var c in children)
                {
                    if (files.TryGetValue(c, out var b))
                    {
                        final[c] = FromFile(c, b);
                    }
                    else if (stored.TryGetValue(c, out var s) && !parentFinal.Changed)
                    {
                        final[c] = (s.Boundary, s.InteriorPoint, s.BoundarySource, false);
                    }
                    else
                    {
                        issues.Add(DivisionIssue.Error("MISSING_BOUNDARY", c,
                            $"{c} has no boundary while its siblings under {parent} have theirs; give all or none (none: generated)."));
                    }
                }
                var placed = children.Where(final.ContainsKey).ToList();
                Check(parent, parentFinal.Boundary, placed.Select(c => (c, (Geometry)final[c].Boundary)).ToList(), placed.Count == children.Count, tolerance, issues);
            }
            foreach (var c in children.Where(final.ContainsKey))
            {
                queue.Enqueue(c);
            }
        }

        var result = new List<PlannedDivision>();
        foreach (var (code, (level, path)) in resolved.OrderBy(p => p.Value.Level).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!final.TryGetValue(code, out var f))
            {
                continue;
            }
            var row = byCode[code];
            stored.TryGetValue(code, out var s);
            var kind = row.Kind ?? s?.Kind ?? level.ToString().ToLowerInvariant();
            var official = row.OfficialName ?? (s is not null && s.Name == row.Name ? s.OfficialName : row.Name);
            var moved = s is not null && s.ParentCode != row.ParentCode;
            var change = s is null ? DivisionChange.Added
                : moved || f.Changed || s.Name != row.Name || s.OfficialName != official || s.Kind != kind || s.BoundarySource != f.Source
                    ? DivisionChange.Updated : DivisionChange.Unchanged;
            result.Add(new PlannedDivision(code, row.Name, official, row.ParentCode, level, kind, path, f.Boundary, f.Interior, f.Source, change, moved, f.Changed && s is not null));
        }
        // Stored divisions outside the file whose boundaries were regenerated with their new siblings.
        foreach (var (code, f) in final.Where(p => !byCode.ContainsKey(p.Key) && p.Value.Changed))
        {
            var s = stored[code];
            result.Add(new PlannedDivision(code, s.Name, s.OfficialName, s.ParentCode, s.Level, s.Kind, s.Path, f.Boundary, f.Interior, f.Source,
                DivisionChange.Updated, false, true));
        }
        return result;
    }

    /// <summary>
    /// The same boundary to within the 1e-7° grid (a stored vertex off the grid comes back rounded), whatever the order of
    /// its rings and their starting vertices.
    /// </summary>
    private static bool Same(Geometry a, Geometry b) =>
        a.NumPoints == b.NumPoints && (a.EqualsExact(b, SameWithin) || a.Normalized().EqualsExact(b.Normalized(), SameWithin));

    private const double SameWithin = 2e-7;

    /// <summary>OUTSIDE_PARENT, OVERLAP and (when every child has a boundary) GAP, each above the tolerance.</summary>
    private static void Check(string parentCode, Geometry parent, List<(string Code, Geometry Boundary)> children, bool complete, double tolerance,
        List<DivisionIssue> issues)
    {
        foreach (var (code, boundary) in children)
        {
            var outside = OverlayNGRobust.Overlay(boundary, parent, SpatialFunction.Difference).Area / boundary.Area;
            if (outside > tolerance)
            {
                issues.Add(DivisionIssue.Error("OUTSIDE_PARENT", code, $"{outside:P2} of {code} lies outside its parent {parentCode}.", outside));
            }
        }
        var index = new STRtree<int>();
        for (var i = 0; i < children.Count; i++)
        {
            index.Insert(children[i].Boundary.EnvelopeInternal, i);
        }
        for (var i = 0; i < children.Count; i++)
        {
            foreach (var j in index.Query(children[i].Boundary.EnvelopeInternal).Where(j => j > i))
            {
                var (a, b) = (children[i].Boundary, children[j].Boundary);
                if (!a.Intersects(b))
                {
                    continue;
                }
                var share = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection).Area / Math.Min(a.Area, b.Area);
                if (share > tolerance)
                {
                    issues.Add(DivisionIssue.Error("OVERLAP", children[i].Code,
                        $"{children[i].Code} and {children[j].Code} overlap by {share:P2} of the smaller.", share));
                }
            }
        }
        if (complete && children.Count > 0)
        {
            var union = UnaryUnionOp.Union(children.Select(c => c.Boundary).ToList());
            var covered = OverlayNGRobust.Overlay(union, parent, SpatialFunction.Intersection).Area;
            var gap = (parent.Area - covered) / parent.Area;
            if (gap > tolerance)
            {
                issues.Add(DivisionIssue.Error("GAP", parentCode, $"{gap:P2} of {parentCode} is covered by none of its children.", gap));
            }
        }
    }
}
