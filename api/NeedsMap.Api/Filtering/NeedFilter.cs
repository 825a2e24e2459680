using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Filtering;

/// <summary>
/// The one filter model for needs, their statistics, trends, cells and tiles. Conditions set on one filter all
/// hold together; <see cref="And"/>, <see cref="Or"/> and <see cref="Not"/> combine filters.
/// </summary>
public sealed record NeedFilter
{
    public IReadOnlyList<NeedFilter>? And { get; init; }
    public IReadOnlyList<NeedFilter>? Or { get; init; }
    public NeedFilter? Not { get; init; }
    /// <summary>Category codes; a parent code takes its children with it.</summary>
    public IReadOnlyList<string>? CategoryIn { get; init; }
    public IReadOnlyList<string>? ChannelIn { get; init; }
    public IReadOnlyList<NeedStatus>? StatusIn { get; init; }
    /// <summary>Jurisdiction codes; each takes its whole subtree with it.</summary>
    public IReadOnlyList<string>? JurisdictionIn { get; init; }
    public DateTimeOffset? ReceivedFrom { get; init; }
    public DateTimeOffset? ReceivedBefore { get; init; }
    public string? TextContains { get; init; }
    public Geometry? Within { get; init; }
    public Geometry? Intersects { get; init; }
    public NearFilter? Near { get; init; }
    public BoundingBox? Bbox { get; init; }
    /// <summary>Reporter keys; set only by <c>Security/Auth/AccessScope</c> (a resident's own needs), never by clients.</summary>
    public IReadOnlyList<string>? ReporterKeyIn { get; init; }
    /// <summary>
    /// <see cref="TextContains"/> as asked by a role without personal data: searched in the masked text
    /// (<c>need_masked_texts</c>, <see cref="NeedFilterSql.MaskedTextTable"/>). Set only by <c>Security/Auth/AccessScope</c>, never by clients.
    /// </summary>
    public string? MaskedTextContains { get; init; }

    /// <summary>Matches no need at all: the record view of a caller who may see none.</summary>
    public static NeedFilter Nothing { get; } = new() { Not = new NeedFilter() };

    public static NeedFilter AllOf(params NeedFilter?[] filters) =>
        new() { And = filters.OfType<NeedFilter>().ToList() };
}

/// <summary>
/// Needs within <see cref="Meters"/> of a point, measured on the WGS-84 spheroid. A need exactly on the radius is inside;
/// so is one up to <see cref="ToleranceMeters"/> beyond it, because the SQL (PostGIS, Karney's geodesic) and the
/// subscriptions (<c>Needs/Filtering/SpheroidDistance</c>, Vincenty's) compute the same distance to within a fraction of that.
/// </summary>
public sealed record NearFilter
{
    public const double ToleranceMeters = 0.001;

    public required Geometry Point { get; init; }
    public required double Meters { get; init; }

    /// <summary>The radius both paths compare a distance with.</summary>
    public double Reach => Meters + ToleranceMeters;
}

/// <summary>West, south, east, north in WGS-84 degrees.</summary>
public sealed record BoundingBox
{
    public required double West { get; init; }
    public required double South { get; init; }
    public required double East { get; init; }
    public required double North { get; init; }
}
