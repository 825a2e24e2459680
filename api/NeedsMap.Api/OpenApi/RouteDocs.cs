using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.OpenApi;

/// <param name="Schema">The body's type, described from the type itself; null for a body that is not JSON (a tile, a page).</param>
public sealed record ResponseDoc(int Status, string Description, string? ContentType = null, Type? Schema = null);

/// <param name="In">query or header.</param>
public sealed record ParameterDoc(string Name, string In, string Description, bool Required = false);

public sealed record RouteDoc(string Tag, string Summary, string Description, IReadOnlyList<ResponseDoc> Responses,
    IReadOnlyList<ParameterDoc>? Parameters = null, IReadOnlyList<string>? RequestContentTypes = null, string? RequestDescription = null);

/// <summary>
/// Descriptions of the REST routes other features map without OpenAPI metadata (kept here, so documenting them touched no
/// feature's endpoint code), keyed by method and route pattern. <see cref="RouteDescriptions"/> applies them; a test fails
/// when a mapped route has no description in the document.
/// </summary>
public static class RouteDocs
{
    private const string ProblemJson = "application/problem+json";
    private const string Tile = "application/vnd.mapbox-vector-tile";
    private const string WhereText = "A NeedFilter as JSON, written exactly as the GraphQL variable; the caller's scope is ANDed in.";

    private static readonly ResponseDoc[] Guarded =
    [
        new(401, "AUTH_REQUIRED: the route needs a token; UNAUTHENTICATED: the token is bad or expired.", "application/json", typeof(RestErrorBody)),
        new(403, "FORBIDDEN: the role may not use the route (the roles table).", "application/json", typeof(RestErrorBody)),
        new(429, "RATE_LIMITED, with Retry-After.", "application/json", typeof(RestErrorBody)),
    ];

    private static readonly ResponseDoc[] TileAnswers =
    [
        new(200, "A Mapbox vector tile.", Tile),
        new(204, "Nothing to draw in this tile."),
        new(304, "Not modified: the If-None-Match ETag is still current."),
        new(400, "INVALID_TILE (z, x, y out of range) or a filter's code (INVALID_FILTER, UNKNOWN_CATEGORY, …): {code, message}.", "application/json",
            typeof(TileError)),
        .. Guarded,
    ];

    private static readonly ParameterDoc[] TileAddress =
    [
        new("z", "path", "Zoom, 0 to 22.", true), new("x", "path", "Column, 0 to 2^z − 1.", true), new("y", "path", "Row, 0 to 2^z − 1.", true),
    ];

    public static readonly IReadOnlyDictionary<string, RouteDoc> All = new Dictionary<string, RouteDoc>(StringComparer.Ordinal)
    {
        ["POST /channels/{code}/inbox"] = new("Channels", "Push a channel's native payload (渠道推送)",
            "A channel's system pushes one record or a batch in its own format; its plugin parses it and every record takes the one ingestion "
            + "pipeline (located, classified, stored, announced). The answer counts what was accepted and what was quarantined (rejectedRecords). "
            + "It comes once the delivery is stored; the derived tables count it right after, or before the answer with ?wait=counted. "
            + "Authenticated by the channel's key, not by a person's token.",
            [
                new(200, "What the delivery did.", "application/json", typeof(ReceiveResult)),
                new(400, "wait other than counted.", ProblemJson),
                new(401, "No valid X-Channel-Key for this channel.", ProblemJson),
                new(404, "No loaded plugin serves this channel.", ProblemJson),
                new(413, "Over 32 MiB.", ProblemJson),
                new(415, "No content type.", ProblemJson),
                new(429, "RATE_LIMITED, with Retry-After.", "application/json", typeof(RestErrorBody)),
            ],
            [
                new("code", "path", "The channel's code (12345, wechat, open311, …).", true),
                new(ChannelKeys.Header, "header", "The channel's key (NeedsMap:Channels:Keys:<code>).", true),
                new("wait", "query", "counted: answer only once the weather map, key matters and cases count the delivery."),
            ],
            ["application/json", "application/xml", "text/csv", "text/plain"], "The channel's native payload; its plugin knows the format."),

        ["GET /tiles/needs/{z}/{x}/{y}.mvt"] = new("Tiles", "Needs as a vector tile (诉求点瓦片)",
            "The needs the caller may see in a tile, layer 'needs' with id, category, channel, status, weight; at most 50,000 per tile. "
            + "Needs Aggregates in the role table; the public's record view is empty. ETag and Cache-Control as a tile server's.",
            TileAnswers, [.. TileAddress, new("where", "query", WhereText)]),

        ["GET /tiles/cells/{z}/{x}/{y}.mvt"] = new("Tiles", "Demand weather cells as a vector tile (需求天气瓦片)",
            "Hexagon cells of the resolution the zoom calls for, layer 'cells' with count, demand, previous, baseline, weather, from the rollups. "
            + "Needs Aggregates in the role table.",
            TileAnswers,
            [
                .. TileAddress, new("where", "query", WhereText + " Cells take categoryIn, channelIn and jurisdictionIn."),
                new("resolution", "query", "R100, R250, R500, R1000 or R2500; by the zoom when omitted."),
                new("lastDay", "query", "The window's last city day, yyyy-MM-dd; today by default."),
                new("days", "query", "The window's length in city days; 30 by default."),
            ]),

        ["GET /map"] = new("Web", "The needs map page",
            "The MapLibre page of the city's needs and demand weather (scripts/build-web bundles it). ?token=<JWT> once keeps a token in the browser.",
            [new(200, "The page.", "text/html"), new(404, "The page is not built: run scripts/build-web.", "text/plain")]),

        ["GET /map/config.json"] = new("Web", "The map page's configuration",
            "Where GraphQL is, the city's time zone and the configured basemap (NeedsMap:Map:*), if any.",
            [new(200, "The configuration.", "application/json", typeof(MapConfigDoc))]),

        ["GET /map/boundaries.geojson"] = new("Web", "The city's boundaries for the map (辖区边界)",
            "The city, its streets and communities as one simplified GeoJSON FeatureCollection (properties code, name, level, parentCode), "
            + "the same for every role including the public, with an ETag; ?level= keeps one level.",
            [
                new(200, "The boundaries.", "application/geo+json"),
                new(304, "Not modified: the If-None-Match ETag is still current."),
                new(400, "INVALID_INPUT: a level other than CITY, STREET or COMMUNITY: {code, message}.", "application/json", typeof(TileError)),
            ],
            [new("level", "query", "CITY, STREET or COMMUNITY: only that level.")]),

        ["POST /classifier/training-sets/{name}"] = new("Classifier", "Import a city's labelled history as a training set (训练集导入)",
            "City administrators: a CSV with a text column and a label column (any level of the city's taxonomy: a category's code, its "
            + "name or a path of names such as 城乡建设/物业管理; createCategories=true makes labels that name nothing the city's own categories), streamed to disk as it arrives and read record by record, so "
            + "the GraphQL request limit does not apply; NeedsMap:Classifier:MaxTrainingSetBytes (1 GiB) does. The same name again replaces "
            + "the set. trainClassifier(input: { trainingSets: [name] }) trains on it and reports k-fold accuracy before anything is activated.",
            [
                new(200, "The import report: name, rows kept, rows skipped, texts per resolved label.", "application/json"),
                new(400, "INVALID_INPUT (no text or label column, a bad name), UNKNOWN_CATEGORY (a label naming no category without "
                    + "createCategories): {errors: [{message, extensions: {code}}]}.", "application/json", typeof(RestErrorBody)),
                new(413, "Over NeedsMap:Classifier:MaxTrainingSetBytes.", "application/json", typeof(RestErrorBody)),
                .. Guarded,
            ],
            [
                new("name", "path", "The training set's name: 1-64 letters, digits, '.', '-', '_'.", Required: true),
                new("createCategories", "query", "true: a label that names no category becomes a category of the city's own."),
            ],
            ["text/csv"], "The labelled texts, UTF-8 CSV (RFC 4180) with a header row."),

        ["GET /demo/personas"] = new("Demo", "Demo personas (演示身份)",
            "In demo mode only (scripts/run): the personas a newcomer may sign in as, one per role. 404 when demo mode is off; Production refuses it.",
            [new(200, "The personas: id, role, label, labelEn, jurisdiction, department, channel.", "application/json"),
                new(404, "Demo mode is off: {code, message}.", "application/json", typeof(TileError))]),

        ["POST /demo/sign-in"] = new("Demo", "Sign in as a demo persona",
            "In demo mode only: {\"persona\": \"<id>\"} answers a real token signed with the server's key (null for the public), its expiry and the persona.",
            [new(200, "token, expiresAt, persona.", "application/json"),
                new(400, "INVALID_INPUT (not JSON) or UNKNOWN_PERSONA: {code, message}.", "application/json", typeof(TileError)),
                new(404, "Demo mode is off: {code, message}.", "application/json", typeof(TileError))],
            RequestContentTypes: ["application/json"], RequestDescription: "{\"persona\": \"resident\"}"),

        ["GET /"] = new("Web", "Home", "Redirects to /map.", [new(302, "To /map.")]),
    };

    /// <summary>The body of a tile route's 400.</summary>
    public sealed record TileError(string Code, string Message);

    /// <summary>The map's settings (`/map/config.json`): the GraphQL path, the city's time zone and the basemap.</summary>
    public sealed record MapConfigDoc(string GraphqlPath, string TimeZone, string? BasemapStyleUrl, string? BasemapTileUrl, string? BasemapAttribution);
}
