using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Divisions;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace NeedsMap.DemoCity.Needs;

/// <summary>What the generator knows of one community: where points may fall, its estates, its residents.</summary>
internal sealed class CommunityModel
{
    private const int MaxRejections = 64;
    private const double MetresPerDegree = 111_195.0;
    private readonly IPointOnGeometryLocator _locator;
    private readonly TriangleSampler _area;
    private readonly int _residents;
    private readonly double _foreignShare;
    private readonly double _migrantShare;
    private readonly double _elderlyAloneShare;

    public CommunityModel(JurisdictionBoundary boundary, Jurisdiction street)
    {
        var j = boundary.Jurisdiction;
        Code = j.Code;
        Name = j.Name;
        IsVillage = j.Kind == JurisdictionKind.Village;
        _locator = new IndexedPointInAreaLocator(boundary.Geometry);
        _area = new TriangleSampler(boundary.Geometry);
        Centre = new GeoPoint(boundary.RepresentativePoint.X, boundary.RepresentativePoint.Y);
        AddressPrefix = street.Name + j.Name;
        var urbanStreet = street.Kind == JurisdictionKind.Street;
        Weight = (IsVillage, urbanStreet) switch
        {
            (false, true) => 8.0,
            (false, false) => 4.0,
            (true, true) => 2.0,
            (true, false) => 1.0,
        };
        Estates = EstateNames.For(j);
        _residents = IsVillage ? 250 : 700;
        _foreignShare = Code == DemoStory.CommunityCode ? 0.25
            : street.Code is "330782001" or "330782002" or "330782008" && !IsVillage ? 0.06 : 0.01;
        _migrantShare = IsVillage ? 0.38 : 0.30;
        _elderlyAloneShare = IsVillage ? 0.10 : 0.05;
    }

    public string Code { get; }
    public string Name { get; }
    public bool IsVillage { get; }
    public double Weight { get; }
    public GeoPoint Centre { get; }
    public string AddressPrefix { get; }
    public string[] Estates { get; }

    public GeoPoint Anywhere(ref Rng rng) => _area.Sample(ref rng);

    /// <summary>Normally spread around <paramref name="centre"/>, kept inside the community.</summary>
    public GeoPoint Near(ref Rng rng, GeoPoint centre, double sigmaMetres)
    {
        var sigmaLat = sigmaMetres / MetresPerDegree;
        var sigmaLon = sigmaLat / Math.Cos(centre.Latitude * Math.PI / 180.0);
        for (var attempt = 0; attempt < MaxRejections; attempt++)
        {
            var p = new Coordinate(centre.Longitude + rng.NextGaussian() * sigmaLon, centre.Latitude + rng.NextGaussian() * sigmaLat);
            if (_locator.Locate(p) == Location.Interior)
            {
                return new GeoPoint(p.X, p.Y);
            }
        }
        return Anywhere(ref rng);
    }

    /// <summary>
    /// A resident of this community. A few residents file again and again (the index is skewed towards 0), and
    /// every attribute comes from the key, so one key is always one person.
    /// </summary>
    public DemoReporter Reporter(ulong seed, ref Rng rng, bool nearTheSite)
    {
        var pool = nearTheSite ? 60 : _residents;
        var u = rng.NextDouble();
        var resident = (int)(pool * u * u);
        var keyHash = Rng.Mix(seed ^ Rng.Hash(Code) ^ ((ulong)resident * 0xD1B54A32D192ED03UL));
        var person = new Rng(keyHash, 0);
        var g = person.NextDouble();
        var group = g < _foreignShare ? "foreign_merchant"
            : g < _foreignShare + _migrantShare ? "migrant_worker"
            : g < _foreignShare + _migrantShare + 0.06 ? "student"
            : g < _foreignShare + _migrantShare + 0.06 + _elderlyAloneShare ? "elderly_living_alone"
            : "local_resident";
        var a = person.NextDouble();
        var age = AgeBands.Code(group switch
        {
            "student" => AgeBand.Age18To34,
            "elderly_living_alone" => a < 0.7 ? AgeBand.Age60To79 : AgeBand.Age80Plus,
            "migrant_worker" => a < 0.50 ? AgeBand.Age18To34 : AgeBand.Age35To59,
            "foreign_merchant" => a < 0.40 ? AgeBand.Age18To34 : AgeBand.Age35To59,
            _ => a < 0.29 ? AgeBand.Age18To34 : a < 0.78 ? AgeBand.Age35To59 : a < 0.97 ? AgeBand.Age60To79 : AgeBand.Age80Plus,
        });
        var gender = person.NextDouble() < 0.52 ? "female" : "male";
        return new DemoReporter($"res-{keyHash:x16}", age, gender, group);
    }
}
