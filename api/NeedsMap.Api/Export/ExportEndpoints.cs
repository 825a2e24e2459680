using System.ComponentModel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Tiles;

namespace NeedsMap.Api.Export;

/// <summary>
/// <c>GET /export/{kind}.{format}</c>: needs (Records in the role table) as CSV, XLSX or GeoJSON; needStats, key matters and
/// cells (Aggregates) as CSV or XLSX (cells also GeoJSON, at their centres). The security middleware has already refused a
/// role without the group (<see cref="Security.Auth.RoleRights.GroupOfRoute"/>); what the rows hold is the caller's scope.
/// </summary>
internal static class ExportEndpoints
{
    private const string Where = "A NeedFilter as JSON, written exactly as the GraphQL variable (the same as /tiles/needs?where=).";
    private const string Format = "csv (UTF-8 with BOM), xlsx, or geojson (needs and cells only).";
    private const string LastDay = "The window's last city day, yyyy-MM-dd; today by default.";
    private const string Days = "The window's length in city days (1 to 366); 30 by default.";

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/export").WithTags("Export");
        group.MapGet("/needs.{format}", (HttpContext http, [Description(Format)] string format, [Description(Where)] string? where,
                [Description("RECEIVED_AT_DESC (default) or RECEIVED_AT_ASC.")] string? order) =>
                RunAsync(http, Exporter.Needs, format, new() { ["where"] = where, ["order"] = order }))
            .WithSummary("Needs matching a filter, as a file (导出诉求)")
            .WithDescription("Every need the caller may see that matches `where`, newest first, streamed row by row (a million rows never sit in "
                + "memory), texts and addresses masked as the `needs` query masks them for the caller's role; no reporter contacts. "
                + "Columns: " + string.Join(", ", NeedExportReader.Columns.Select(c => c.Name)) + ". Needs Records in the role table. "
                + "`X-Export-Rows` tells the row count before the body. Written to the audit log (who, when, parameters, format, rows).")
            .Describe();
        group.MapGet("/need-stats.{format}", (HttpContext http, [Description(Format)] string format, [Description(Where)] string? where,
                [Description("CATEGORY (default), CHANNEL, STATUS, JURISDICTION, DAY, WEEK or MONTH.")] string? groupBy,
                [Description("With CATEGORY: LEAF (default) or TOP.")] string? categoryLevel,
                [Description("With JURISDICTION: CITY, STREET or COMMUNITY (default).")] string? jurisdictionLevel) =>
                RunAsync(http, Exporter.NeedStats, format,
                    new() { ["where"] = where, ["groupBy"] = groupBy, ["categoryLevel"] = categoryLevel, ["jurisdictionLevel"] = jurisdictionLevel }))
            .WithSummary("needStats groups as a table (导出统计)")
            .WithDescription("The groups of the `needStats` query: key, label, count, weight, distinctReporters. The public's small groups are left "
                + "out as in GraphQL. Needs Aggregates in the role table.")
            .Describe();
        group.MapGet("/key-matters.{format}", (HttpContext http, [Description(Format)] string format,
                [Description("A jurisdiction code; the city when omitted.")] string? jurisdictionCode,
                [Description(LastDay)] string? lastDay, [Description(Days)] string? days, [Description("1 to 100; 10 by default.")] string? top,
                [Description("LEAF (default) or TOP.")] string? categoryLevel) =>
                RunAsync(http, Exporter.KeyMatters, format, new()
                {
                    ["jurisdictionCode"] = jurisdictionCode, ["lastDay"] = lastDay, ["days"] = days, ["top"] = top, ["categoryLevel"] = categoryLevel,
                }))
            .WithSummary("Key matters as a table (导出关键小事)")
            .WithDescription("The ranked categories, then topics, of the `keyMatters` query with their demand index components and explanations. "
                + "Needs Aggregates in the role table.")
            .Describe();
        group.MapGet("/cells.{format}", (HttpContext http, [Description(Format)] string format,
                [Description("R100, R250, R500 (default), R1000 or R2500.")] string? resolution, [Description(Where)] string? where,
                [Description("A jurisdiction code narrowing the area.")] string? jurisdictionCode,
                [Description("west,south,east,north in WGS-84 degrees.")] string? bbox,
                [Description(LastDay)] string? lastDay, [Description(Days)] string? days,
                [Description("Baseline windows, 1 to 12; 4 by default.")] string? baselineWindows) =>
                RunAsync(http, Exporter.Cells, format, new()
                {
                    ["resolution"] = resolution, ["where"] = where, ["jurisdictionCode"] = jurisdictionCode, ["bbox"] = bbox,
                    ["lastDay"] = lastDay, ["days"] = days, ["baselineWindows"] = baselineWindows,
                }))
            .WithSummary("The demand weather's cells as a table (导出需求天气)")
            .WithDescription("The cells of the `cells` query with their centre, community, counts, demand indexes, baseline and weather. "
                + "Needs Aggregates in the role table.")
            .Describe();
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder) => builder
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new Microsoft.OpenApi.OpenApiResponse
            {
                Description = "The file, streamed (Content-Disposition: attachment). CSV is RFC 4180, UTF-8 with a BOM; a free text starting with "
                    + "= + - or @ gets a leading apostrophe so a spreadsheet never runs it. XLSX has one sheet with a header row. GeoJSON is an "
                    + "RFC 7946 FeatureCollection of points.",
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    [ExportFormat.Csv.ContentType()] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } },
                    [ExportFormat.Xlsx.ContentType()] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" } },
                    [ExportFormat.GeoJson.ContentType()] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Object } },
                },
            };
            return Task.CompletedTask;
        })
        .Produces<RestErrorBody>(StatusCodes.Status400BadRequest)
        .Produces<RestErrorBody>(StatusCodes.Status401Unauthorized)
        .Produces<RestErrorBody>(StatusCodes.Status403Forbidden)
        .Produces<RestErrorBody>(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> RunAsync(HttpContext http, string kind, string format, Dictionary<string, string?> values)
    {
        var services = http.RequestServices;
        try
        {
            if (!ExportFormats.TryParse(format, out var parsed))
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"\"{format}\" is not an export format: csv, xlsx or geojson.");
            }
            var parameters = new ExportParameters(values, services.GetRequiredService<NeedFilterJson>(), services.GetRequiredService<CityDays>());
            var export = await services.GetRequiredService<Exporter>().PrepareAsync(kind, parsed, parameters, http.RequestAborted);
            return new ExportStream(export);
        }
        catch (DomainException ex)
        {
            return RestErrorBody.Result(ex);
        }
    }

    private sealed class ExportStream(PreparedExport export) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            var name = export.FileName(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            response.ContentType = export.Format.ContentType();
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
            response.Headers.CacheControl = "no-store";
            if (export.Rows is { } rows)
            {
                response.Headers["X-Export-Rows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (export.Format == ExportFormat.Xlsx && http.Features.Get<IHttpBodyControlFeature>() is { } body)
            {
                // MiniExcel's ZipArchive writes its entry headers and central directory synchronously.
                body.AllowSynchronousIO = true;
            }
            try
            {
                await http.RequestServices.GetRequiredService<Exporter>().WriteAsync(export, response.Body, null, http.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                // The status line has gone: cut the connection, so the client sees a broken transfer rather than a short file that looks whole.
                http.RequestServices.GetRequiredService<ILogger<Exporter>>().LogError(ex, "Export {Kind}.{Format} failed mid-stream", export.Kind, export.Format);
                http.Abort();
            }
            catch (OperationCanceledException)
            {
                // The client went away; the audit row says how far it got.
            }
        }
    }
}
