using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Export;

/// <summary>The production-like host (real tokens, the public anonymous) with helpers to seed needs and fetch exports.</summary>
public sealed class ExportHost : ExportHostBase;

public class ExportHostBase : SecuredHost
{
    public async Task<Need> AddAsync(string text, string category, string community, DateTimeOffset receivedAt, string channel = "12345",
        string? address = null, string? reporter = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var incoming = new IncomingNeed(channel, Guid.NewGuid().ToString("N"), 1, receivedAt, text, TestNeeds.InteriorOf(this, community),
            CoordinateSystem.Wgs84, address, category, "test")
        {
            ReporterKey = reporter,
        };
        return (await scope.ServiceProvider.GetRequiredService<NeedIngestion>().IngestAsync(incoming, CancellationToken.None)).Need;
    }

    public async Task<(int Status, byte[] Body, HttpResponseMessage Response)> GetAsync(string url, string? token = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response);
    }

    /// <summary>The error code of a REST error body.</summary>
    public static string CodeOf(byte[] body) =>
        System.Text.Json.Nodes.JsonNode.Parse(body)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();
}
