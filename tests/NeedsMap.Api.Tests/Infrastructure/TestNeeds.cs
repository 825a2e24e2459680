using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
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
        var incoming = new IncomingNeed(channel, externalId ?? Guid.NewGuid().ToString("N"), version, receivedAt ?? BaseTime, text,
            at, system, null, category, "test")
        {
            ReporterKey = reporter,
        };
        return (await ingestion.IngestAsync(incoming, CancellationToken.None)).Need;
    }

    public static GeoPoint Offset(GeoPoint p, double eastMeters, double northMeters) =>
        new(p.Longitude + eastMeters / (111_320 * Math.Cos(p.Latitude * Math.PI / 180)), p.Latitude + northMeters / 110_574);
}
