using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Tests.Infrastructure;
using NetTopologySuite.Geometries;
using Npgsql;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>
/// Two paths, one answer: a query's <see cref="NeedFilterSql"/> (PostGIS) and a subscription's <see cref="NeedChangeHub"/>
/// (its routing, then <see cref="NeedFilterMatcher"/> in memory) are given the same random filters over the same needs and
/// must pick the same needs. Filters are built on the needs' own values, so the edges are hit on purpose: a need exactly
/// on a radius or a polygon's border or vertex, a box edge through a need or a hair beside it, a time exactly at a need's,
/// text in another case or width, with <c>%</c>, <c>_</c> and <c>\</c>, empty lists, nested not/or.
/// Reproducible: the seed is printed (set NEEDSMAP_FILTER_SEED to replay one); a mismatch prints the filter and the need.
/// </summary>
public sealed class NeedFilterAgreementTests(NeedsMapHost host, ITestOutputHelper output) : IClassFixture<NeedsMapHost>
{
    private const int NeedCount = 160;
    private const int FilterCount = 3000;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    // Text is drawn from letters whose folding differs between libraries: ASCII and full-width forms, Greek sigmas,
    // the Kelvin sign, long s, Turkish i, micro sign, LIKE's wildcards and escape, and Chinese.
    private const string Alphabet = "aAbBsSkKＡａＢｂＳｓ１1%_\\ 　ſςσΣΚκµμİıiIéÉ噪音工地停车难学位广场舞";

    [Fact]
    public async Task Sql_and_subscription_paths_pick_the_same_needs_for_random_filters()
    {
        var seed = Environment.GetEnvironmentVariable("NEEDSMAP_FILTER_SEED") is { Length: > 0 } s
            ? int.Parse(s, CultureInfo.InvariantCulture)
            : 20261205;
        output.WriteLine($"seed {seed} (NEEDSMAP_FILTER_SEED={seed} replays it)");
        var random = new Random(seed);
        await host.ResetAsync();
        var snapshot = host.Service<ReferenceData>().Current;
        var needs = await SeedNeedsAsync(random, snapshot);
        var generator = new FilterGenerator(random, snapshot, needs);
        var sql = host.Service<NeedFilterSql>();
        var matcher = host.Service<NeedFilterMatcher>();
        var reference = host.Service<ReferenceData>();

        await using var dataSource = new NpgsqlDataSourceBuilder(host.ConnectionString).UseNetTopologySuite().Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var mismatches = new List<string>();
        var nonEmpty = 0;
        for (var i = 0; i < FilterCount && mismatches.Count < 5; i++)
        {
            var filter = generator.Filter(depth: 0);
            var fromSql = await SqlIdsAsync(connection, sql, filter);
            var fromHub = HubIds(new NeedChangeHub(matcher, reference), filter, needs);
            nonEmpty += fromSql.Count > 0 ? 1 : 0;
            if (!fromSql.SetEquals(fromHub))
            {
                var differing = needs.Where(n => fromSql.Contains(n.Id) != fromHub.Contains(n.Id)).Take(3)
                    .Select(n => $"  need {n.Id} (sql {fromSql.Contains(n.Id)}, subscription {fromHub.Contains(n.Id)}): {Describe(n)}");
                mismatches.Add($"filter #{i}: {FilterText.Of(filter)}\n{string.Join('\n', differing)}");
            }
        }
        output.WriteLine($"{FilterCount} filters over {needs.Count} needs; {nonEmpty} matched at least one need");
        Assert.True(mismatches.Count == 0, $"seed {seed}: the two paths disagree\n{string.Join("\n", mismatches)}");
        // The filters must be worth something: most match some needs, not all match all.
        Assert.InRange(nonEmpty, FilterCount / 5, FilterCount - 1);
    }

    private async Task<List<Need>> SeedNeedsAsync(Random random, ReferenceSnapshot snapshot)
    {
        var leaves = snapshot.Categories.Where(c => c.ParentCode is not null).Select(c => c.Code).ToArray();
        var channels = snapshot.Channels.Select(c => c.Code).ToArray();
        var communities = new[] { TestNeeds.Jimingshan, TestNeeds.ChouchengFirstCommunity };
        var statuses = Enum.GetValues<NeedStatus>();
        var seeded = new List<TestNeed>();
        var statusOf = new List<NeedStatus>();
        for (var i = 0; i < NeedCount; i++)
        {
            var at = TestNeeds.Offset(TestNeeds.InteriorOf(host, communities[random.Next(communities.Length)]),
                random.Next(-600, 600), random.Next(-600, 600));
            var reporter = random.Next(4) == 0 ? null : "reporter-" + random.Next(6).ToString(CultureInfo.InvariantCulture);
            seeded.Add(new TestNeed(RandomText(random, 2, 12), leaves[random.Next(leaves.Length)], at,
                Channel: channels[random.Next(channels.Length)], ReceivedAt: TestNeeds.BaseTime.AddMinutes(random.Next(0, 60 * 24 * 30)),
                // Named, not random: the batch numbers its needs in key order, and the filters draw on the needs by number.
                ExternalId: "agree-" + i.ToString("D4", CultureInfo.InvariantCulture), Reporter: reporter));
            statusOf.Add(statuses[random.Next(statuses.Length)]);
        }
        var ids = await TestNeeds.AddManyAsync(host, seeded);
        var statusById = string.Join(", ", ids.Select((id, i) => $"({id.ToString(CultureInfo.InvariantCulture)}, '{statusOf[i]}')"));
        await host.ExecuteSqlAsync($"UPDATE needs SET status = s.status FROM (VALUES {statusById}) AS s(id, status) WHERE needs.id = s.id");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        return await db.Needs.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    private static string RandomText(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        var length = random.Next(min, max + 1);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        return builder.ToString();
    }

    private static async Task<HashSet<long>> SqlIdsAsync(NpgsqlConnection connection, NeedFilterSql sql, NeedFilter filter)
    {
        var parameters = new SqlParameters();
        await using var command = new NpgsqlCommand("SELECT n.id FROM needs n WHERE " + sql.Where(filter, parameters), connection);
        parameters.AddTo(command);
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static HashSet<long> HubIds(NeedChangeHub hub, NeedFilter filter, IEnumerable<Need> needs)
    {
        var ids = new HashSet<long>();
        using var subscription = hub.Subscribe(filter, new Collector(ids));
        foreach (var need in needs)
        {
            hub.Publish(new NeedChange(NeedChangeKind.Created, need));
        }
        return ids;
    }

    private static string Describe(Need n) => FormattableString.Invariant(
        $"text \"{n.Text}\", at {n.Location.X:R} {n.Location.Y:R}, {n.CategoryCode}, {n.ChannelCode}, {n.Status}, {n.JurisdictionPath}, {n.ReceivedAt:O}, reporter {n.ReporterKey ?? "null"}");

    private sealed class Collector(HashSet<long> ids) : IObserver<NeedChange>
    {
        public void OnNext(NeedChange value) => ids.Add(value.Need.Id);
        public void OnCompleted()
        {
        }
        public void OnError(Exception error) => throw error;
    }

    /// <summary>Random filters built on the needs' own values, so that edges are hit, not just approached.</summary>
    private sealed class FilterGenerator(Random random, ReferenceSnapshot snapshot, IReadOnlyList<Need> needs)
    {
        private Need AnyNeed => needs[random.Next(needs.Count)];
        private bool OneIn(int n) => random.Next(n) == 0;

        public NeedFilter Filter(int depth)
        {
            var filter = new NeedFilter();
            var conditions = random.Next(depth == 0 ? 1 : 0, 3);
            for (var i = 0; i < conditions; i++)
            {
                filter = Leaf(filter);
            }
            if (depth < 3 && OneIn(3))
            {
                filter = random.Next(3) switch
                {
                    0 => filter with { And = Children(depth) },
                    1 => filter with { Or = Children(depth) },
                    _ => filter with { Not = Filter(depth + 1) },
                };
            }
            return filter;
        }

        private List<NeedFilter> Children(int depth) =>
            Enumerable.Range(0, OneIn(8) ? 0 : random.Next(1, 4)).Select(_ => Filter(depth + 1)).ToList();

        private List<T> Some<T>(IReadOnlyList<T> from) =>
            OneIn(12) ? [] : Enumerable.Range(0, random.Next(1, 3)).Select(_ => from[random.Next(from.Count)]).ToList();

        private NeedFilter Leaf(NeedFilter f) => random.Next(13) switch
        {
            0 => f with { CategoryIn = Some(snapshot.Categories.Select(c => c.Code).ToList()) },
            1 => f with { ChannelIn = Some(snapshot.Channels.Select(c => c.Code).ToList()) },
            2 => f with { StatusIn = Some(Enum.GetValues<NeedStatus>()) },
            3 => f with { JurisdictionIn = Some(snapshot.Jurisdictions.Select(j => j.Code).ToList()) },
            4 => f with { ReceivedFrom = Instant() },
            5 => f with { ReceivedBefore = Instant() },
            6 => f with { TextContains = Text() },
            7 => OneIn(4) ? f with { MaskedTextContains = Text() } : f with { ReporterKeyIn = Some(needs.Select(n => n.ReporterKey ?? "nobody").ToList()) },
            8 => f with { Within = Polygon() },
            9 => f with { Intersects = Polygon() },
            10 or 11 => f with { Near = Near() },
            _ => f with { Bbox = Box() },
        };

        private DateTimeOffset Instant() => OneIn(2) ? AnyNeed.ReceivedAt : TestNeeds.BaseTime.AddMinutes(random.Next(-100, 60 * 24 * 31));

        private string Text()
        {
            if (OneIn(3))
            {
                return RandomText(random, 1, 3);
            }
            var text = AnyNeed.Text;
            var start = random.Next(text.Length);
            var part = text.Substring(start, random.Next(1, Math.Min(4, text.Length - start) + 1));
            // The same words in another case or width.
            return random.Next(4) switch
            {
                0 => part.ToUpperInvariant(),
                1 => part.ToLowerInvariant(),
                2 => Widen(part),
                _ => part,
            };
        }

        private static string Widen(string text) => new(text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c).ToArray());

        private NearFilter Near()
        {
            var center = (Point)AnyNeed.Location.Copy();
            // Exactly on the radius of another need, a millimetre either side of it, or anywhere.
            var other = AnyNeed.Location;
            var onRadius = SpheroidDistance.Meters(center.Y, center.X, other.Y, other.X);
            var meters = random.Next(4) switch
            {
                0 => onRadius,
                1 => onRadius + 0.002,
                2 => onRadius - 0.002,
                _ => random.Next(1, 1500),
            };
            return new NearFilter { Point = center, Meters = Math.Clamp(meters, 0.01, NeedFilterSql.MaxNearMeters) };
        }

        private (double West, double South, double East, double North) Corners()
        {
            // Edges through needs' coordinates, or a hair beside them (below the float precision of PostGIS's index boxes).
            double Edge(double value) => random.Next(3) switch { 0 => value, 1 => value + 1e-9, _ => value - 1e-9 };
            var a = AnyNeed.Location;
            var b = AnyNeed.Location;
            double west = Edge(Math.Min(a.X, b.X)), east = Edge(Math.Max(a.X, b.X)) + (OneIn(2) ? 0.003 : 0);
            double south = Edge(Math.Min(a.Y, b.Y)), north = Edge(Math.Max(a.Y, b.Y)) + (OneIn(2) ? 0.003 : 0);
            return (west, south, Math.Max(east, west + 1e-7), Math.Max(north, south + 1e-7));
        }

        private BoundingBox Box()
        {
            var (west, south, east, north) = Corners();
            return new BoundingBox { West = west, South = south, East = east, North = north };
        }

        private Polygon Polygon()
        {
            if (OneIn(2))
            {
                var (w, s, e, n) = Corners();
                return Factory.CreatePolygon([new(w, s), new(e, s), new(e, n), new(w, n), new(w, s)]);
            }
            // A triangle with a vertex on one need and another need on an edge's midpoint or inside.
            var a = AnyNeed.Location.Coordinate;
            var b = AnyNeed.Location.Coordinate;
            var c = new Coordinate(a.X + (random.NextDouble() - 0.5) * 0.02, a.Y + (random.NextDouble() - 0.5) * 0.02);
            var triangle = new[] { new Coordinate(a), new Coordinate(b), c, new Coordinate(a) };
            var polygon = Factory.CreatePolygon(triangle);
            return polygon.IsValid ? (Polygon)polygon.Normalized() : Factory.CreatePolygon([new(a.X, a.Y), new(a.X + 0.01, a.Y), new(a.X, a.Y + 0.01), new(a.X, a.Y)]);
        }
    }

    /// <summary>A filter as readable text, for the failure message.</summary>
    private static class FilterText
    {
        public static string Of(NeedFilter f)
        {
            var parts = new List<string>();
            void Add(string name, object? value)
            {
                if (value is not null)
                {
                    parts.Add($"{name}: {value}");
                }
            }
            static string List<T>(IEnumerable<T> items) => "[" + string.Join(", ", items.Select(i => $"\"{i}\"")) + "]";
            Add("categoryIn", f.CategoryIn is { } c ? List(c) : null);
            Add("channelIn", f.ChannelIn is { } ch ? List(ch) : null);
            Add("statusIn", f.StatusIn is { } st ? List(st) : null);
            Add("jurisdictionIn", f.JurisdictionIn is { } j ? List(j) : null);
            Add("receivedFrom", f.ReceivedFrom?.ToString("O", CultureInfo.InvariantCulture));
            Add("receivedBefore", f.ReceivedBefore?.ToString("O", CultureInfo.InvariantCulture));
            Add("textContains", f.TextContains is { } t ? $"\"{t}\"" : null);
            Add("maskedTextContains", f.MaskedTextContains is { } m ? $"\"{m}\"" : null);
            Add("within", f.Within?.AsText());
            Add("intersects", f.Intersects?.AsText());
            Add("near", f.Near is { } n ? FormattableString.Invariant($"{{point: {n.Point.Coordinate.X:R} {n.Point.Coordinate.Y:R}, meters: {n.Meters:R}}}") : null);
            Add("bbox", f.Bbox is { } b ? FormattableString.Invariant($"[{b.West:R}, {b.South:R}, {b.East:R}, {b.North:R}]") : null);
            Add("reporterKeyIn", f.ReporterKeyIn is { } r ? List(r) : null);
            Add("and", f.And is { } and ? "[" + string.Join(", ", and.Select(Of)) + "]" : null);
            Add("or", f.Or is { } or ? "[" + string.Join(", ", or.Select(Of)) + "]" : null);
            Add("not", f.Not is { } not ? Of(not) : null);
            return "{" + string.Join(", ", parts) + "}";
        }
    }
}
