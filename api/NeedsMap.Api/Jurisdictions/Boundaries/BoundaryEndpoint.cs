using Microsoft.Net.Http.Headers;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Jurisdictions.Boundaries;

/// <summary>
/// <c>GET /map/boundaries.geojson[?level=CITY|STREET|COMMUNITY]</c>, open to every caller: boundaries are reference data.
/// Cached by the browser (Cache-Control, ETag, 304 on If-None-Match) and sent gzipped to clients that accept it.
/// </summary>
internal static class BoundaryEndpoint
{
    public const string Path = "/map/boundaries.geojson";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, async (string? level, HttpContext http, BoundaryGeoJson boundaries) =>
    {
        JurisdictionLevel? wanted = null;
        if (level is not null)
        {
            if (!Enum.TryParse<JurisdictionLevel>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(level, out _))
            {
                return Results.Json(new { code = ErrorCodes.InvalidInput, message = "level is CITY, STREET or COMMUNITY." }, statusCode: StatusCodes.Status400BadRequest);
            }
            wanted = parsed;
        }
        var document = await boundaries.GetAsync(wanted, http.RequestAborted);
        var headers = http.Response.Headers;
        headers.ETag = document.ETag;
        headers.CacheControl = "public, max-age=300";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == document.ETag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (http.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase)))
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(document.Gzip, "application/geo+json");
        }
        return Results.Bytes(document.Json, "application/geo+json");
    });
}
