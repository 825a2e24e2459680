using System.Globalization;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;
using NpgsqlTypes;

namespace NeedsMap.Api.Filtering;

/// <summary>
/// Translates a <see cref="NeedFilter"/> into a SQL condition over the <c>needs</c> table, with parameters.
/// Every reader of needs (pages, statistics, trends, cells, tiles) goes through this one translation, and the
/// spatial conditions are written so PostGIS answers them from the GiST indexes.
/// </summary>
public sealed class NeedFilterSql(ReferenceData reference)
{
    public const int MaxDepth = 8;
    public const int MaxTextLength = 200;
    public const double MaxNearMeters = 100_000;

    /// <summary>
    /// Each need's text as roles without personal data read it, which their <c>textContains</c> searches (written above
    /// Needs, by <c>MaskedSearch/MaskedTexts</c>; the filter only reads it).
    /// </summary>
    public const string MaskedTextTable = "need_masked_texts";

    public string Where(NeedFilter? filter, SqlParameters parameters, string alias = "n") =>
        filter is null ? "TRUE" : Translate(filter, parameters, alias, 0);

    private string Translate(NeedFilter f, SqlParameters p, string a, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new DomainException(ErrorCodes.InvalidFilter, $"Filters nest at most {MaxDepth} levels deep.");
        }
        var snapshot = reference.Current;
        var parts = new List<string>();
        if (f.CategoryIn is { } categories)
        {
            var codes = categories.SelectMany(c => snapshot.CategoryWithDescendants(c)
                ?? throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{c}\".")).Distinct().ToArray();
            parts.Add($"{a}.category_code = ANY({p.Add(codes, NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }
        if (f.ChannelIn is { } channels)
        {
            foreach (var c in channels.Where(c => snapshot.FindChannel(c) is null))
            {
                throw new DomainException(ErrorCodes.UnknownChannel, $"No channel has the code \"{c}\".");
            }
            parts.Add($"{a}.channel_code = ANY({p.Add(channels.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }
        if (f.StatusIn is { } statuses)
        {
            var values = statuses.Select(s => s.ToString()).ToArray();
            parts.Add($"{a}.status = ANY({p.Add(values, NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }
        if (f.JurisdictionIn is { } jurisdictions)
        {
            var paths = jurisdictions.Select(code => (snapshot.FindJurisdiction(code)
                ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{code}\".")).Path).Distinct().ToList();
            // A code inside another one asked for adds nothing: one comparison a subtree.
            var prefixes = paths.Where(path => !paths.Any(other => other != path && path.StartsWith(other, StringComparison.Ordinal)))
                .Select(path => path + "%");
            // No code at all matches nothing, as in the matcher (and "()" would not parse).
            parts.Add("(" + string.Join(" OR ", prefixes.Select(prefix => $"{a}.jurisdiction_path LIKE {p.Add(prefix, NpgsqlDbType.Text)}").DefaultIfEmpty("FALSE")) + ")");
        }
        if (f.ReceivedFrom is { } from)
        {
            parts.Add($"{a}.received_at >= {p.Add(from.UtcDateTime, NpgsqlDbType.TimestampTz)}");
        }
        if (f.ReceivedBefore is { } before)
        {
            parts.Add($"{a}.received_at < {p.Add(before.UtcDateTime, NpgsqlDbType.TimestampTz)}");
        }
        if (f.TextContains is { } text)
        {
            parts.Add($"{a}.text ILIKE {TextPattern(text, p)}");
        }
        if (f.MaskedTextContains is { } masked)
        {
            parts.Add($"{a}.id IN (SELECT m.need_id FROM {MaskedTextTable} m WHERE m.text ILIKE {TextPattern(masked, p)})");
        }
        if (f.Within is { } within)
        {
            parts.Add($"ST_Within({a}.location, {Geometry(within, p)})");
        }
        if (f.Intersects is { } intersects)
        {
            parts.Add($"ST_Intersects({a}.location, {Geometry(intersects, p)})");
        }
        if (f.Near is { } near)
        {
            parts.Add(NearCondition(near, p, a));
        }
        if (f.Bbox is { } box)
        {
            parts.Add(BoxCondition(box, p, a));
        }
        if (f.ReporterKeyIn is { } reporters)
        {
            // Never NULL (a need without a reporter is simply not in the list), so a NOT around it means what it says.
            parts.Add($"({a}.reporter_key IS NOT NULL AND {a}.reporter_key = ANY({p.Add(reporters.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}))");
        }
        if (f.And is { } and)
        {
            parts.AddRange(and.Select(child => "(" + Translate(child, p, a, depth + 1) + ")"));
        }
        if (f.Or is { Count: > 0 } or)
        {
            parts.Add("(" + string.Join(" OR ", or.Select(child => "(" + Translate(child, p, a, depth + 1) + ")")) + ")");
        }
        if (f.Not is { } not)
        {
            parts.Add("NOT (" + Translate(not, p, a, depth + 1) + ")");
        }
        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
    }

    private static string TextPattern(string text, SqlParameters p)
    {
        if (text.Length == 0 || text.Length > MaxTextLength)
        {
            throw new DomainException(ErrorCodes.InvalidFilter, $"textContains takes 1 to {MaxTextLength} characters.");
        }
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        return p.Add("%" + escaped + "%", NpgsqlDbType.Text);
    }

    private static string NearCondition(NearFilter near, SqlParameters p, string a)
    {
        if (near.Point is not Point point)
        {
            throw new DomainException(ErrorCodes.InvalidGeometry, "near.point must be a GeoJSON Point.");
        }
        if (!double.IsFinite(near.Meters) || near.Meters <= 0 || near.Meters > MaxNearMeters)
        {
            throw new DomainException(ErrorCodes.InvalidFilter,
                $"near.meters must be above 0 and at most {MaxNearMeters.ToString(CultureInfo.InvariantCulture)}.");
        }
        // Cast to geography so the distance is in metres on the spheroid; the box in degrees before it lets the location
        // GiST narrow the rows (Data/Sql/MetreBox), and the geography test decides.
        var centre = Geometry(point, p);
        var reach = p.Add(near.Reach, NpgsqlDbType.Double);
        return $"({a}.location && {MetreBox.Around(centre, reach)} AND ST_DWithin({a}.location::geography, {centre}::geography, {reach}))";
    }

    private static string BoxCondition(BoundingBox box, SqlParameters p, string a)
    {
        if (box.West >= box.East || box.South >= box.North || box.West < -180 || box.East > 180 || box.South < -90 || box.North > 90)
        {
            throw new DomainException(ErrorCodes.InvalidFilter, "bbox needs west < east and south < north, within WGS-84 ranges.");
        }
        // ST_Intersects, not a bare &&: the index's boxes are single-precision and rounded outwards, so && alone takes needs
        // up to a metre outside the box, which the subscriptions' exact test does not. ST_Intersects uses the index, then decides exactly.
        return $"ST_Intersects({a}.location, ST_MakeEnvelope({p.Add(box.West, NpgsqlDbType.Double)}, {p.Add(box.South, NpgsqlDbType.Double)}, "
            + $"{p.Add(box.East, NpgsqlDbType.Double)}, {p.Add(box.North, NpgsqlDbType.Double)}, 4326))";
    }

    private static string Geometry(Geometry geometry, SqlParameters p)
    {
        geometry.SRID = 4326;
        return p.Add(geometry);
    }
}
