using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NeedsMap.Api.OpenApi;

/// <summary>
/// The document's own text, the bearer scheme, and the routes that are not minimal-API handlers (so ASP.NET Core cannot
/// describe them): GraphQL over HTTP, the health probes and the metrics scrape.
/// </summary>
internal static class DocumentDescription
{
    public static Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "NeedsMap.Graph REST routes",
            Version = "v1",
            Description = "The routes beside GraphQL (/graphql, whose schema is schema.graphql): channel inboxes, vector tiles, exports, an Open311 "
                + "GeoReport v2 server, the map page, health and metrics. A person's token is a JWT bearer (Authorization: Bearer …); without one "
                + "a caller is the public. Which routes a role may use follows the roles table (README): tiles and aggregate exports need "
                + "Aggregates, needs exports Records. Errors carry a stable code: REST routes answer {\"errors\":[{\"message\",\"extensions\":{\"code\"}}]}, "
                + "the inbox RFC 7807 problem details, Open311 its own [{\"code\",\"description\"}].",
        };
        // The document is served to every client from every host: no server URL of the one that asked.
        document.Servers = [new OpenApiServer { Url = "/" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "HS256 tokens issued by this city (issue-token) or by its OpenID provider; claims role, jurisdiction, channel, department.",
        };
        document.Paths ??= [];
        document.Paths["/graphql"] = Path(document, "GraphQL",
            (HttpMethod.Get, "GraphQL over HTTP (queries), or GraphiQL for a browser",
                "?query=…&variables=…&operationName=…. A browser (Accept text/html, no query) gets GraphiQL. The schema is schema.graphql; "
                + "graphql-transport-ws on the same path for subscriptions.",
                [(200, "A GraphQL response.", "application/graphql-response+json"), (400, "A request that never executed (parse or validation).",
                    "application/graphql-response+json"), (401, "UNAUTHENTICATED or AUTH_REQUIRED.", "application/json"),
                    (403, "FORBIDDEN: a root field the role may not use.", "application/json"), (405, "A mutation over GET (Allow: POST).", null)]),
            (HttpMethod.Post, "GraphQL over HTTP",
                "{\"query\", \"variables\", \"operationName\"} or {\"documentId\"} as application/json; answers by Accept.",
                [(200, "A GraphQL response.", "application/graphql-response+json"), (400, "A request that never executed.",
                    "application/graphql-response+json"), (401, "UNAUTHENTICATED or AUTH_REQUIRED.", "application/json"),
                    (403, "FORBIDDEN.", "application/json"), (413, "Over NeedsMap:Limits:MaxRequestBytes.", null),
                    (415, "Not application/json.", null), (429, "RATE_LIMITED.", "application/json")]));
        const string ProbeBody = "{\"status\": \"ok|degraded|unavailable\", \"checks\": {name: {status, description, durationMs}}}.";
        document.Paths["/health/live"] = Path(document, "Operations", (HttpMethod.Get, "Liveness",
            "The process answers; no check runs (a slow database never gets a healthy process restarted). Not rate limited. " + ProbeBody,
            [(200, "Alive.", "application/json")]));
        document.Paths["/health"] = Path(document, "Operations", (HttpMethod.Get, "Liveness (alias of /health/live)", ProbeBody,
            [(200, "Alive.", "application/json")]));
        document.Paths["/health/ready"] = Path(document, "Operations", (HttpMethod.Get, "Readiness",
            "Database reachable and migrated, LISTEN up, rollup backlog bounded, plugins scanned, not draining. " + ProbeBody,
            [(200, "Ready.", "application/json"), (503, "Not ready; the failing checks say why.", "application/json")]));
        document.Paths["/metrics"] = Path(document, "Operations", (HttpMethod.Get, "Prometheus scrape",
            "OpenTelemetry metrics in the Prometheus text format, from loopback only unless NeedsMap:Telemetry:MetricsAllowRemote "
            + "(NeedsMap:Telemetry:MetricsPath, empty turns it off).",
            [(200, "Metrics.", "text/plain"), (404, "Asked from elsewhere than loopback.", null)]));
        // The tags the operations carry (route docs replace the defaults named after handler classes), each described once.
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags?.AsEnumerable() ?? [])
            .Select(t => t.Name).OfType<string>().Distinct().ToList();
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name) }));
        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Channels"] = "Channel systems pushing their native payloads (渠道接入).",
        ["Tiles"] = "Vector tiles for the map, filtered like GraphQL.",
        ["Export"] = "Needs and aggregates as files, scoped, masked and audited (数据导出).",
        ["Open311"] = "An Open311 GeoReport v2 server for existing client apps.",
        ["Web"] = "The map page and its configuration.",
        ["GraphQL"] = "The GraphQL endpoint (schema.graphql).",
        ["Operations"] = "Health probes and metrics.",
    };

    private static OpenApiPathItem Path(OpenApiDocument document, string tag,
        params (HttpMethod Method, string Summary, string Description, (int Status, string Text, string? Type)[] Responses)[] operations)
    {
        var item = new OpenApiPathItem();
        foreach (var (method, summary, description, responses) in operations)
        {
            var operationResponses = new OpenApiResponses();
            foreach (var (status, text, type) in responses)
            {
                operationResponses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
                {
                    Description = text,
                    Content = type is null ? null : new Dictionary<string, OpenApiMediaType> { [type] = new() },
                };
            }
            item.AddOperation(method, new OpenApiOperation
            {
                Summary = summary,
                Description = description,
                Tags = new HashSet<OpenApiTagReference> { new(tag, document) },
                Responses = operationResponses,
            });
        }
        return item;
    }
}
