using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NeedsMap.Graph.Transport.Caching;
using NeedsMap.Graph.Transport.Execution;

namespace NeedsMap.Graph.Transport.Http;

/// <summary>GraphQL over HTTP: GET for queries, POST with <c>application/json</c>, answers negotiated by <c>Accept</c>.</summary>
internal sealed class GraphQLHttpHandler(
    GraphQLOperationRunner runner,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLTransportOptions> options,
    GraphQLResponseCache? responseCache = null)
{
    private readonly GraphQLTransportOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleRequestAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        var isGet = HttpMethods.IsGet(context.Request.Method) && _options.EnableGet;
        if (!isGet && !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = _options.EnableGet ? "GET, POST" : "POST";
            await WriteRejectionAsync(context, GraphQLMediaTypes.Json,
                new(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "GraphQL requests use GET or POST."));
            return;
        }

        context.Response.Headers.Vary = HeaderNames.Accept;
        var mediaType = AcceptNegotiator.Negotiate(context.Request.Headers.Accept);
        if (mediaType == null)
        {
            await WriteRejectionAsync(context, GraphQLMediaTypes.Json, new(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                $"Accept must allow {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}."));
            return;
        }

        var (request, rejection) = isGet ? ReadGet(context.Request) : await ReadPostAsync(context);
        if (rejection != null)
        {
            await WriteRejectionAsync(context, mediaType, rejection);
            return;
        }

        var userContextBuilder = context.RequestServices.GetRequiredService<IGraphQLUserContextBuilder>();
        var userContext = await userContextBuilder.BuildAsync(context, context.RequestAborted);
        var cached = responseCache?.Begin(request!, mediaType, context, userContext) ?? ResponseCacheLookup.Bypass;
        if (cached.Hit is { } hit)
        {
            await WriteBodyAsync(context, StatusCodes.Status200OK, mediaType, hit);
            return;
        }

        var result = await runner.ExecuteAsync(request!, context, userContext, context.RequestServices,
            isGet ? OperationTypeRule.ForGet : OperationTypeRule.ForPost, context.RequestAborted);

        var status = _options.ResultStatusCode?.Invoke(result, context)
            ?? HttpStatusForResult.Get(result, mediaType, _options.RequestErrorStatusCode);
        if (status == StatusCodes.Status405MethodNotAllowed)
            context.Response.Headers.Allow = "POST";
        if (cached.IsMiss && status == StatusCodes.Status200OK
            && await responseCache!.StoreAsync(cached, request!, result, serializer, context.RequestAborted) is { } body)
        {
            await WriteBodyAsync(context, status, mediaType, body);
            return;
        }
        await WriteAsync(context, status, mediaType, result);
    }

    private (GraphQLRequest?, HttpRejection?) ReadGet(HttpRequest httpRequest)
    {
        var query = httpRequest.Query;
        foreach (var name in (string[])["query", "operationName", "variables", "extensions", "documentId"])
        {
            if (query[name].Count > 1)
                return (null, HttpRejection.BadRequest($"The '{name}' parameter is given more than once."));
        }

        var variablesError = GraphQLRequestParser.ReadMapText(query["variables"], "variables", serializer, out var variables);
        var extensionsError = GraphQLRequestParser.ReadMapText(query["extensions"], "extensions", serializer, out var extensions);
        if ((variablesError ?? extensionsError) is { } error)
            return (null, HttpRejection.BadRequest(error));

        var parsed = GraphQLRequestParser.Create(query["query"], query["operationName"], query["documentId"], variables, extensions);
        return parsed.Error != null ? (null, HttpRejection.BadRequest(parsed.Error)) : (parsed.Request, null);
    }

    private async Task<(GraphQLRequest?, HttpRejection?)> ReadPostAsync(HttpContext context)
    {
        if (!IsJsonContentType(context.Request.ContentType))
        {
            return (null, new(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"POST requests must have Content-Type {GraphQLMediaTypes.Json} (UTF-8)."));
        }

        var body = await RequestBodyReader.ReadAsync(context, _options.MaxRequestBodyBytes);
        if (body == null)
        {
            return (null, new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE",
                $"The request body is larger than {_options.MaxRequestBodyBytes} bytes."));
        }
        if (body.WrittenCount == 0)
            return (null, HttpRejection.BadRequest("The request body is empty."));

        RequestParseResult parsed;
        try
        {
            using var document = JsonDocument.Parse(body.WrittenMemory);
            parsed = GraphQLRequestParser.Parse(document.RootElement, serializer);
        }
        catch (JsonException)
        {
            return (null, HttpRejection.BadRequest("The request body is not valid JSON."));
        }
        return parsed.Error != null ? (null, HttpRejection.BadRequest(parsed.Error)) : (parsed.Request, null);
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return false;
        if (!parsed.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase))
            return false;
        var charset = parsed.Charset;
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }

    private Task WriteRejectionAsync(HttpContext context, string mediaType, HttpRejection rejection)
    {
        var result = new ExecutionResult
        {
            Errors = [new ExecutionError(rejection.Message) { Code = rejection.Code }],
        };
        return WriteAsync(context, rejection.StatusCode, mediaType, result);
    }

    private async Task WriteAsync(HttpContext context, int status, string mediaType, ExecutionResult result)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private static async Task WriteBodyAsync(HttpContext context, int status, string mediaType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
