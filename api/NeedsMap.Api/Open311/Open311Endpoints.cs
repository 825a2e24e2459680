using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Open311;

/// <summary>
/// An Open311 GeoReport v2 server at <c>/open311/v2/</c>, so existing Open311 client apps can file needs with this city and
/// follow them: services from the taxonomy, requests GET (the standard filters) and POST (through the inbox's pipeline),
/// one request, tokens. Every answer is JSON or XML by the path's extension; errors are the specification's
/// <c>[{"code":…,"description":…}]</c> with the same HTTP status.
/// </summary>
internal static class Open311Endpoints
{
    public const string Root = "/open311/v2";
    private const string FormatText = "json or xml.";
    private const string JurisdictionText = "Optional; this server answers for one jurisdiction (the city's code). Another is 404.";

    public static void MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup(Root).WithTags("Open311");

        v2.MapGet("/services.{format}", ([Description(FormatText)] string format,
                [FromQuery(Name = "jurisdiction_id"), Description(JurisdictionText)] string? jurisdictionId, Open311Access access, Open311Services services) =>
                AnswerAsync(format, () =>
                {
                    access.EnsureJurisdiction(jurisdictionId);
                    return Task.FromResult(Open311Writer.Result(format, "services", "service", services.All()));
                }))
            .WithSummary("GeoReport v2 service list (服务类别)")
            .WithDescription("Every leaf category of the taxonomy as a service: service_code is the category code, group its top-level category. "
                + "No service asks extra attributes (metadata false). Open to everyone.")
            .Describe<Open311Service>();

        v2.MapGet("/services/{service_code}.{format}", ([FromRoute(Name = "service_code"), Description("A service_code from the service list.")] string serviceCode,
                [Description(FormatText)] string format, [FromQuery(Name = "jurisdiction_id"), Description(JurisdictionText)] string? jurisdictionId,
                Open311Access access, Open311Services services) =>
                AnswerAsync(format, () =>
                {
                    access.EnsureJurisdiction(jurisdictionId);
                    var definition = services.Definition(serviceCode)
                        ?? throw new Open311Exception(StatusCodes.Status404NotFound, $"service_code \"{serviceCode}\" was not found.");
                    return Task.FromResult(Open311Writer.Result(format, "service_definition", "service_definition", [definition]));
                }))
            .WithSummary("GeoReport v2 service definition")
            .WithDescription("A service's extra attributes: none for any service here, so the list is empty.")
            .Describe<Open311ServiceDefinition>();

        v2.MapGet("/requests.{format}", ([Description(FormatText)] string format,
                [FromQuery(Name = "service_request_id"), Description("Comma-separated ids; when given, the other filters are ignored.")] string? ids,
                [FromQuery(Name = "service_code"), Description("Comma-separated service codes.")] string? serviceCodes,
                [FromQuery(Name = "start_date"), Description("Requested at or after this W3C datetime (UTC when it has no offset).")] string? startDate,
                [FromQuery(Name = "end_date"), Description("Requested at or before this W3C datetime. Without either date, the last 90 days.")] string? endDate,
                [FromQuery(Name = "status"), Description("open, closed, or both comma-separated.")] string? status,
                [FromQuery(Name = "api_key"), Description("Without a bearer token: the key of an Open311 channel, to read that channel's requests.")] string? apiKey,
                [FromQuery(Name = "jurisdiction_id"), Description(JurisdictionText)] string? jurisdictionId,
                Open311Access access, AccessScope scope, Open311RequestReader reader, CancellationToken cancellationToken) =>
                AnswerAsync(format, async () =>
                {
                    access.EnsureJurisdiction(jurisdictionId);
                    access.EnsureMayRead(scope, apiKey);
                    var query = new Open311Query(ids is null ? null : Ids(ids), List(serviceCodes), Date(startDate, "start_date"), Date(endDate, "end_date"),
                        Statuses(status));
                    return Open311Writer.Result(format, "service_requests", "request", await reader.ReadAsync(query, cancellationToken));
                }))
            .WithSummary("GeoReport v2 service requests (诉求查询)")
            .WithDescription("Requests the caller may see, newest first, at most 1000: with a bearer token the role's scope as in GraphQL; with only an "
                + "api_key, the requests of that Open311 channel; the public (neither) reads none (401). Texts, addresses and status notes are "
                + "masked for roles without personal data. status is open until a whistle resolves the need; status_notes, agency_responsible and "
                + "expected_datetime come from the need's latest whistle.")
            .Describe<Open311Request>();

        v2.MapPost("/requests.{format}", async (HttpContext http, [Description(FormatText)] string format, Open311Access access,
                Open311Submission submission) =>
                await AnswerAsync(format, async () =>
                {
                    if (!http.Request.HasFormContentType)
                    {
                        throw new Open311Exception(StatusCodes.Status400BadRequest, "Send the request as application/x-www-form-urlencoded.");
                    }
                    var form = await http.Request.ReadFormAsync(http.RequestAborted);
                    access.EnsureJurisdiction(form["jurisdiction_id"].ToString());
                    var apiKey = form["api_key"].ToString() is { Length: > 0 } key ? key : http.Request.Query["api_key"].ToString();
                    var channel = access.ChannelOf(apiKey)
                        ?? throw new Open311Exception(StatusCodes.Status403Forbidden, "api_key was not provided or is not the key of an Open311 channel.");
                    var created = await submission.SubmitAsync(channel, form, http.RequestAborted);
                    return Open311Writer.Result(format, "service_requests", "request", [created]);
                }))
            .DisableAntiforgery()
            // Described, not declared with Accepts: Accepts would make routing answer another content type with a bare 415,
            // where an Open311 client expects the specification's error document.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Description = "The GeoReport v2 form.",
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    ["application/x-www-form-urlencoded"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(Open311Form), null, cancellationToken) },
                },
            })
            .WithSummary("GeoReport v2: file a service request (提交诉求)")
            .WithDescription("Form fields: api_key (the key of an Open311 channel, required), service_code (required), lat and long (WGS-84) or "
                + "address_string (matched in the city's gazetteer), description, first_name, last_name, phone, email, device_id, account_id, "
                + "media_url (not stored). The request is located, classified and stored through the inbox's pipeline and answered at once with "
                + "its service_request_id and a token; a request the pipeline refuses is 400 with the pipeline's error code, and nothing is stored.")
            .Describe<Open311Created>();

        v2.MapGet("/requests/{service_request_id}.{format}", ([FromRoute(Name = "service_request_id"), Description("The request's id.")] string id,
                [Description(FormatText)] string format,
                [FromQuery(Name = "api_key"), Description("Without a bearer token: the key of an Open311 channel.")] string? apiKey,
                [FromQuery(Name = "jurisdiction_id"), Description(JurisdictionText)] string? jurisdictionId,
                Open311Access access, AccessScope scope, Open311RequestReader reader, CancellationToken cancellationToken) =>
                AnswerAsync(format, async () =>
                {
                    access.EnsureJurisdiction(jurisdictionId);
                    access.EnsureMayRead(scope, apiKey);
                    var request = await reader.FindAsync(id, cancellationToken)
                        ?? throw new Open311Exception(StatusCodes.Status404NotFound, $"service_request_id \"{id}\" was not found.");
                    return Open311Writer.Result(format, "service_requests", "request", [request]);
                }))
            .WithSummary("GeoReport v2: one service request")
            .WithDescription("One request with its status, as in the list; 404 when it does not exist or lies outside what the caller may see.")
            .Describe<Open311Request>();

        v2.MapGet("/tokens/{token}.{format}", ([FromRoute(Name = "token"), Description("The token POST answered with.")] string token,
                [Description(FormatText)] string format, Open311RequestReader reader, CancellationToken cancellationToken) =>
                AnswerAsync(format, async () =>
                {
                    var id = await reader.IdOfTokenAsync(token, cancellationToken)
                        ?? throw new Open311Exception(StatusCodes.Status404NotFound, $"token \"{token}\" was not found.");
                    return Open311Writer.Result(format, "service_requests", "request", [new Open311TokenAnswer(id, token)]);
                }))
            .WithSummary("GeoReport v2: the service_request_id behind a token")
            .WithDescription("A token is 128 random bits known only to whoever filed the request, so it needs no credential; it reveals the id only.")
            .Describe<Open311TokenAnswer>();
    }

    private static RouteHandlerBuilder Describe<T>(this RouteHandlerBuilder builder) => builder
        .Produces<List<T>>(StatusCodes.Status200OK, "application/json", "text/xml")
        .Produces<List<Open311Error>>(StatusCodes.Status400BadRequest, "application/json", "text/xml")
        .Produces<List<Open311Error>>(StatusCodes.Status401Unauthorized, "application/json", "text/xml")
        .Produces<List<Open311Error>>(StatusCodes.Status403Forbidden, "application/json", "text/xml")
        .Produces<List<Open311Error>>(StatusCodes.Status404NotFound, "application/json", "text/xml")
        .Produces<Graph.RestErrorBody>(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> AnswerAsync(string format, Func<Task<IResult>> answer)
    {
        if (!Open311Writer.IsFormat(format))
        {
            return Open311Writer.Error(null, StatusCodes.Status404NotFound, $"\"{format}\" is not a format: json or xml.");
        }
        try
        {
            return await answer();
        }
        catch (Open311Exception ex)
        {
            return Open311Writer.Error(format, ex.Code, ex.Message);
        }
    }

    private static List<long> Ids(string raw) =>
        List(raw)?.Select(s => Graph.Relay.GlobalId.TryParseKey(s, out var id) ? id : -1).Where(id => id >= 0).ToList() ?? [];

    private static List<string>? List(string? raw) =>
        raw?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items ? [.. items] : null;

    // The range a need filter's time bounds take (NeedFilterRules), so year 0001 or 9999 is refused here in Open311's format.
    private static DateTimeOffset? Date(string? raw, string name) =>
        string.IsNullOrWhiteSpace(raw) ? null
        : !DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? throw new Open311Exception(StatusCodes.Status400BadRequest, $"{name} is not a W3C datetime (e.g. 2026-06-01T00:00:00+08:00).")
        : at < NeedFilterRules.EarliestBound || at > NeedFilterRules.LatestBound
            ? throw new Open311Exception(StatusCodes.Status400BadRequest, $"{name} must lie between 1900-01-01T00:00:00Z and 3000-01-01T00:00:00Z.")
        : at;

    private static List<NeedStatus>? Statuses(string? raw) => List(raw)?.SelectMany(s => s.ToLowerInvariant() switch
    {
        "open" => Open311RequestReader.Open,
        "closed" => Open311RequestReader.Closed,
        _ => throw new Open311Exception(StatusCodes.Status400BadRequest, $"status \"{s}\" is neither open nor closed."),
    }).Distinct().ToList();
}

/// <summary>A service request as POST takes it: the form fields of GeoReport v2 (errors are answered in Open311's format).</summary>
public sealed record Open311Form(string ApiKey, string ServiceCode, double? Lat = null, double? Long = null, string? AddressString = null,
    string? Description = null, string? FirstName = null, string? LastName = null, string? Phone = null, string? Email = null, string? DeviceId = null,
    string? AccountId = null, string? MediaUrl = null, string? JurisdictionId = null);
