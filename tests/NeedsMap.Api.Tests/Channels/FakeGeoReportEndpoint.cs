using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>
/// A stand-in for a city's Open311 server on 127.0.0.1: <c>GET /requests.json</c> with <c>updated_after</c> and
/// <c>page_size</c>, oldest update first, as GeoReport servers with the paging extensions answer. It remembers every
/// query and which requests it served, so a test can see what a client asked for again.
/// </summary>
internal sealed class FakeGeoReportEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _requests = [];
    private readonly List<(string? UpdatedAfter, IReadOnlyList<string> Served)> _queries = [];

    private FakeGeoReportEndpoint(WebApplication app) => _app = app;

    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakeGeoReportEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new FakeGeoReportEndpoint(app);
        app.MapGet("/requests.json", (HttpContext http) => Results.Content(endpoint.Answer(http.Request.Query["updated_after"],
            int.Parse(http.Request.Query["page_size"].FirstOrDefault() ?? "1000", CultureInfo.InvariantCulture)), "application/json; charset=utf-8"));
        await app.StartAsync();
        return endpoint;
    }

    public void Add(string id, string description, DateTimeOffset updated, double longitude, double latitude)
    {
        lock (_lock)
        {
            _requests.Add(new JsonObject
            {
                ["service_request_id"] = id, ["status"] = "open", ["service_code"] = "STREETLIGHT", ["service_name"] = "Streetlight out",
                ["description"] = description, ["requested_datetime"] = updated.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["updated_datetime"] = updated.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["lat"] = latitude, ["long"] = longitude, ["address"] = "义乌市稠城街道",
            });
        }
    }

    public IReadOnlyList<(string? UpdatedAfter, IReadOnlyList<string> Served)> Queries
    {
        get
        {
            lock (_lock)
            {
                return [.. _queries];
            }
        }
    }

    public void ForgetQueries()
    {
        lock (_lock)
        {
            _queries.Clear();
        }
    }

    private string Answer(string? updatedAfter, int pageSize)
    {
        DateTimeOffset? after = updatedAfter is null ? null : DateTimeOffset.Parse(updatedAfter, CultureInfo.InvariantCulture);
        lock (_lock)
        {
            var page = _requests
                .Select(r => (Request: r, Updated: DateTimeOffset.Parse((string)r["updated_datetime"]!, CultureInfo.InvariantCulture)))
                .Where(r => after is null || r.Updated > after)
                .OrderBy(r => r.Updated).Take(pageSize).Select(r => r.Request).ToList();
            _queries.Add((updatedAfter, page.Select(r => (string)r["service_request_id"]!).ToList()));
            return new JsonArray([.. page.Select(r => r.DeepClone())]).ToJsonString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
