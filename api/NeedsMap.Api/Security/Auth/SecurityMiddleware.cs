using System.Text.Json;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// For every HTTP request: validates the bearer token (a bad one is 401, never silently the public view),
/// establishes the request's <see cref="AccessScope"/>, and guards the routes outside /graphql by the
/// <see cref="RoleRights"/> table (<c>/tiles/...</c> needs Aggregates; channel inboxes are guarded by their channel keys instead).
/// </summary>
internal sealed class SecurityMiddleware(RequestDelegate next, AuthSettings settings, CallerResolver callers, ReferenceData reference,
    PrivacySettings privacy, TokenValidator tokens)
{
    private const string CallerKey = "NeedsMap.Caller";

    public async Task InvokeAsync(HttpContext context)
    {
        if (settings.Enabled && context.Request.Headers.Authorization.Count > 0)
        {
            var header = context.Request.Headers.Authorization.ToString();
            var principal = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? await tokens.ValidateAsync(header[7..].Trim(), context.RequestAborted)
                : null;
            if (principal is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated,
                    "The bearer token is invalid, expired or not signed by this server.");
                return;
            }
            context.User = principal;
        }
        var caller = callers.From(context.User);
        context.Items[CallerKey] = caller;
        context.RequestServices.GetRequiredService<AccessScope>().Establish(caller, reference.Current, privacy.MinimumPublicGroup);

        var path = context.Request.Path.Value ?? "";
        var group = RoleRights.GroupOfRoute(path);
        if (group != FieldGroup.None && !MayUseRoute(caller, group, path))
        {
            await WriteErrorAsync(context,
                caller.Authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                caller.Authenticated ? ErrorCodes.Forbidden : ErrorCodes.AuthRequired,
                caller.Authenticated ? "Your role may not use this route." : "This route needs a bearer token.");
            return;
        }
        await next(context);
    }

    public static Caller CallerOf(HttpContext context, CallerResolver callers) =>
        context.Items.TryGetValue(CallerKey, out var value) && value is Caller caller ? caller : callers.Anonymous;

    private static bool MayUseRoute(Caller caller, FieldGroup group, string path)
    {
        if (!caller.Right.Groups.HasFlag(group))
        {
            return false;
        }
        if (group == FieldGroup.Ingest && caller.Role == RoleRights.ChannelIntegrator)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return segments.Length >= 2 && string.Equals(segments[1], caller.Channel, StringComparison.Ordinal);
        }
        return group != FieldGroup.Ingest || caller.Right.Scope == DataScope.City || caller.Role == RoleRights.ChannelIntegrator;
    }

    internal static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body,
            new { errors = new[] { new { message, extensions = new { code } } } }, cancellationToken: context.RequestAborted);
    }
}
