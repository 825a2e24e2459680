using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// Tiles served like a tile server's: each carries an ETag made of what it was drawn from (the data version heard over
/// LISTEN, the city day, the reference data, the caller's scope and the full address), so a client revalidating with
/// <c>If-None-Match</c> gets 304 without the database being asked. While the data version cannot vouch (LISTEN down) tiles
/// carry no validator and are not stored. Scoped callers' tiles are private to them (<c>Vary: Authorization</c>).
/// </summary>
internal sealed class TileValidators(CellAnswerCache cells, NeedDataVersion needs, CityDays days, ReferenceData reference,
    CallerResolver callers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var isCells = http.Request.Path.StartsWithSegments("/tiles/cells", StringComparison.OrdinalIgnoreCase);
        // A clustered needs tile is drawn from counts that follow the needs (NeedTiles): both versions vouch for it.
        var version = isCells ? cells.ServingGeneration?.ToString(CultureInfo.InvariantCulture)
            : needs.Serving is { } stored && cells.ServingGeneration is { } counted ? $"{stored}.{counted}" : null;
        if (version is null)
        {
            http.Response.Headers.CacheControl = "no-store";
            return await next(context);
        }
        var caller = SecurityMiddleware.CallerOf(http, callers);
        var scope = caller.Right.Scope == DataScope.OwnRecords ? caller : caller with { Subject = "" };
        var etag = ETag($"{(isCells ? "cells" : "needs")}|{version}|{days.Today:yyyy-MM-dd}|{RuntimeHelpers.GetHashCode(reference.Current)}|{scope}|{http.Request.Path}{http.Request.QueryString}");
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            Describe(http, etag, caller);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status204NoContent)
            {
                Describe(http, etag, caller);
            }
            return Task.CompletedTask;
        });
        return await next(context);
    }

    private static void Describe(HttpContext http, string etag, Caller caller)
    {
        http.Response.Headers.ETag = etag;
        // no-cache: keep it, but ask each time; the answer is a 304 whenever nothing changed.
        http.Response.Headers.CacheControl = caller.Authenticated ? "private, no-cache" : "public, no-cache";
        http.Response.Headers.Vary = "Authorization, Accept-Encoding";
    }

    // Weak: the bytes on the wire differ by content coding, the tile does not.
    private static string ETag(string source) =>
        "W/\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)).AsSpan(0, 16)) + "\"";
}
