using System.Net;
using System.Net.Http.Headers;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>Tiles revalidate like a tile server's: ETag tied to the data version, 304 while nothing changed, compressed on request.</summary>
public sealed class TileCachingTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private GeoPoint _at;

    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        _at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        for (var i = 0; i < 3; i++)
        {
            await TestNeeds.AddAsync(host, "施工噪音", "noise.construction", TestNeeds.Offset(_at, i * 50, 0));
        }
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("needs", 14)]
    [InlineData("cells", 12)]
    public async Task A_tile_revalidates_with_304_until_a_need_changes(string layer, int z)
    {
        var url = TileUrl(layer, z);
        using var client = host.CreateClient();
        var etag = await WaitForETagAsync(client, url);

        using (var again = new HttpRequestMessage(HttpMethod.Get, url))
        {
            again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            using var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        await TestNeeds.AddAsync(host, "又在施工", "noise.construction", TestNeeds.Offset(_at, 10, 10));
        // The change is heard over LISTEN; from then on the old validator no longer matches and the new tile is sent.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var after = new HttpRequestMessage(HttpMethod.Get, url);
            after.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            using var response = await client.SendAsync(after);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.NotEqual(etag, response.Headers.ETag!.ToString());
                break;
            }
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, "the tile was never sent again after a need changed");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Tiles_are_compressed_for_clients_that_accept_it()
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, TileUrl("needs", 14));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var unzipped = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        await unzipped.CopyToAsync(bytes);
        Assert.Contains("needs", System.Text.Encoding.ASCII.GetString(bytes.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_scopes_never_share_a_validator()
    {
        var url = TileUrl("needs", 14);
        using var admin = host.CreateClient();
        var adminTag = await WaitForETagAsync(admin, url);
        using var officer = host.CreateClient();
        officer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            new NeedsMap.Api.Security.Auth.TokenIssuer(new NeedsMap.Api.Security.Auth.AuthSettings { SigningKey = NeedsMapHost.TestSigningKey })
                .Issue("alice", "street_officer", "330782002", null, TimeSpan.FromHours(1)));
        using var response = await officer.GetAsync(url);
        Assert.NotEqual(adminTag, response.Headers.ETag?.ToString());
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
    }

    private string TileUrl(string layer, int z)
    {
        var n = 1 << z;
        var x = (int)((_at.Longitude + 180) / 360 * n);
        var lat = double.DegreesToRadians(_at.Latitude);
        var y = (int)((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n);
        return layer == "cells" ? $"/tiles/cells/{z}/{x}/{y}.mvt?lastDay={TestNeeds.BaseTime:yyyy-MM-dd}&days=30" : $"/tiles/needs/{z}/{x}/{y}.mvt";
    }

    // The validator appears once the server listens; a host just started may not yet.
    /// <summary>
    /// The tile's ETag once it holds still: the needs added before the test are counted in the background and each count
    /// heard over LISTEN moves the data version, so the first ETag may be replaced a moment later.
    /// </summary>
    private static async Task<string> WaitForETagAsync(HttpClient client, string url)
    {
        string? previous = null;
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.ETag?.ToString() is { } tag)
            {
                if (tag == previous)
                {
                    return tag;
                }
                previous = tag;
            }
            Assert.True(attempt < 100, "tiles never carried a steady ETag");
            await Task.Delay(300);
        }
    }
}
