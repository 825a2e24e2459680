using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>Puts needs into a test host through the real ingestion pipeline.</summary>
internal static class TestNeeds
{
    public const string Jimingshan = "330782002005";
    public const string Jiangdong = "330782002";
    public const string Choucheng = "330782001";
    public const string ChouchengFirstCommunity = "330782001001";
    public static readonly DateTimeOffset BaseTime = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    public static GeoPoint InteriorOf(NeedsMapHost host, string code)
    {
        var j = host.Service<ReferenceData>().Current.FindJurisdiction(code) ?? throw new ArgumentException(code);
        return new GeoPoint(j.InteriorLongitude, j.InteriorLatitude);
    }

    public static async Task<Need> AddAsync(NeedsMapHost host, string text, string category, GeoPoint at,
        string channel = "12345", DateTimeOffset? receivedAt = null, string? externalId = null, string? reporter = null,
        CoordinateSystem system = CoordinateSystem.Wgs84, long version = 1)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<NeedIngestion>();
        var incoming = new TestNeed(text, category, at, channel, receivedAt, externalId, reporter, system, version).ToIncoming();
        return (await ingestion.IngestAsync(incoming, CancellationToken.None)).Need;
    }

    /// <summary>
    /// Stores <paramref name="needs"/> as one delivery, counted once rather than once a need (a set-up's needs, when the test is
    /// not about adding them one by one); fails the test if any is rejected. Returns the stored needs' ids in the given order.
    /// </summary>
    public static async Task<IReadOnlyList<long>> AddManyAsync(NeedsMapHost host, IEnumerable<TestNeed> needs)
    {
        var incoming = needs.Select(n => n.ToIncoming()).ToList();
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<BatchIngestion>()
            .IngestAsync(incoming, scope.ServiceProvider.GetRequiredService<AccessScope>(), CancellationToken.None);
        Assert.True(result.Rejected.Count == 0, string.Join("; ", result.Rejected.Select(r => $"{r.Index}: {r.Code} {r.Message}")));
        return [.. result.Accepted.OrderBy(a => a.Index).Select(a => a.NeedId)];
    }

    public static GeoPoint Offset(GeoPoint p, double eastMeters, double northMeters) =>
        new(p.Longitude + eastMeters / (111_320 * Math.Cos(p.Latitude * Math.PI / 180)), p.Latitude + northMeters / 110_574);
}

/// <summary>One need for <see cref="TestNeeds"/>: what a channel would deliver, with the tests' defaults.</summary>
internal sealed record TestNeed(string Text, string Category, GeoPoint At, string Channel = "12345", DateTimeOffset? ReceivedAt = null,
    string? ExternalId = null, string? Reporter = null, CoordinateSystem System = CoordinateSystem.Wgs84, long Version = 1)
{
    public IncomingNeed ToIncoming() => new(Channel, ExternalId ?? Guid.NewGuid().ToString("N"), Version, ReceivedAt ?? TestNeeds.BaseTime,
        Text, At, System, null, Category, "test")
    {
        ReporterKey = Reporter,
    };
}
