using System.Text.Json;
using System.Text.RegularExpressions;

namespace NeedsMap.Api.Failures;

/// <summary>
/// The outermost handler of every HTTP door that is not GraphQL (tiles, channel inboxes, pages): a failure escaping an
/// endpoint gets a status and a JSON body with a documented code, never an empty 500. The database out of reach is 503
/// with <c>Retry-After</c>; a statement or request out of time 504; a request the endpoint could not bind (<c>days=abc</c>)
/// 400; anything else a logged 500 <c>INTERNAL_ERROR</c>. GraphQL handles its own (<c>GraphEdge/ErrorCodeNormalizer</c>).
/// </summary>
internal sealed partial class FailureMiddleware(RequestDelegate next, ILogger<FailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The caller's own token, before any budget replaces RequestAborted: only its cancellation means "gone".
        var aborted = context.RequestAborted;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !aborted.IsCancellationRequested)
        {
            var budget = context.RequestServices.GetService<IRequestDeadline>();
            var (status, error) = ex switch
            {
                _ when DatabaseFailure.IsUnavailable(ex) => (StatusCodes.Status503ServiceUnavailable, (Exception?)null),
                OperationCanceledException when budget is { Expired: true } => (StatusCodes.Status504GatewayTimeout, null),
                _ when DatabaseFailure.IsTimeout(ex) => (StatusCodes.Status504GatewayTimeout, null),
                BadHttpRequestException bad => (bad.StatusCode, null),
                _ => (StatusCodes.Status500InternalServerError, ex),
            };
            if (error is not null)
            {
                logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            }
            await WriteAsync(context, status, ex, budget);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
    }

    private static Task WriteAsync(HttpContext context, int status, Exception ex, IRequestDeadline? budget)
    {
        // Clearing loses no cross-origin header (Security/CrossOrigin): ASP.NET Core's CORS middleware writes them as the
        // response starts, so a page on another origin reads this error too (Failures/DatabaseOutageTests).
        context.Response.Clear();
        switch (status)
        {
            case StatusCodes.Status503ServiceUnavailable:
                var unavailable = FailureErrors.Unavailable();
                context.Response.Headers.RetryAfter = StatusError.Seconds(unavailable.RetryAfter!.Value);
                return WriteErrorAsync(context, status, unavailable.Code!, unavailable.Message);
            case StatusCodes.Status504GatewayTimeout:
                var timeout = FailureErrors.Timeout(budget is { Expired: true } ? budget.ExpiredMessage : FailureErrors.StatementTimedOut);
                return WriteErrorAsync(context, status, timeout.Code!, timeout.Message);
            case StatusCodes.Status500InternalServerError:
                var internalError = FailureErrors.Internal();
                return WriteErrorAsync(context, status, internalError.Code!, internalError.Message);
            default:
                // BadHttpRequestException: a parameter that does not bind (a number that is not one), a body too large.
                return WriteErrorAsync(context, status,
                    status == StatusCodes.Status413PayloadTooLarge ? "REQUEST_TOO_LARGE" : ErrorCodes.InvalidInput, ClientMessage(ex.Message));
        }
    }

    /// <summary>
    /// ASP.NET Core's binding messages name the parameter's .NET type (<c>Failed to bind parameter "Nullable&lt;int&gt; days" from
    /// "abc".</c>); the client is told the parameter and the value, not the type.
    /// </summary>
    internal static string ClientMessage(string message)
    {
        if (BindFailure().Match(message) is { Success: true } bind)
        {
            return $"The parameter \"{bind.Groups["name"].Value}\" does not take \"{bind.Groups["value"].Value}\".";
        }
        if (MissingParameter().Match(message) is { Success: true } missing)
        {
            return $"The parameter \"{missing.Groups["name"].Value}\" is required.";
        }
        return message;
    }

    [GeneratedRegex("^Failed to bind parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\" from \"(?<value>.*)\"\\.?$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\" was not provided", RegexOptions.Singleline)]
    private static partial Regex MissingParameter();

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The error shape of every non-GraphQL door: <c>{"errors":[{"message","extensions":{"code"}}]}</c>.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body,
            new { errors = new[] { new { message, extensions = new { code } } } }, Json, CancellationToken.None);
    }
}
