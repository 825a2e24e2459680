using NeedsMap.Api.Failures;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Cost;

/// <summary>
/// A caller's turn, taken as early as the caller is known (after the token, before the body is read), for the HTTP doors
/// that read the database: GraphQL over HTTP and the tiles. A flood is refused here at the price of a header, not of a
/// parsed document. Tiles also run here under the role's deadline (the endpoint's <c>RequestAborted</c> becomes the
/// deadline's token, which the tile queries pass to Npgsql) and are charged to the caller's bucket here; GraphQL's deadline
/// and charge are <see cref="CostExecution"/>'s, which also takes the turn of WebSocket operations.
/// </summary>
internal sealed class CostMiddleware(RequestDelegate next, CallerGate gate, CostSettings settings, CallerResolver callers, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var tiles = path.StartsWithSegments("/tiles", StringComparison.OrdinalIgnoreCase);
        // A socket's upgrade is no request of its own: each operation on it takes its turn in CostExecution. (The transport
        // adds the WebSocket feature inside its endpoint, so the upgrade is told by its headers here.)
        var upgrade = HttpMethods.IsConnect(context.Request.Method)
            || string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase);
        var graphQL = path.StartsWithSegments("/graphql", StringComparison.OrdinalIgnoreCase) && !upgrade;
        if (!settings.Enabled || !(tiles || graphQL))
        {
            await next(context);
            return;
        }
        var caller = SecurityMiddleware.CallerOf(context, callers);
        var limit = settings.For(caller.Role);
        var key = CallerGate.KeyOf(caller.Role, caller.Authenticated, caller.Subject, context);
        var (lease, refusal) = await gate.EnterAsync(key, limit, context.RequestAborted);
        if (refusal is not null)
        {
            context.Response.Headers.RetryAfter = StatusError.Seconds(refusal.RetryAfter ?? TimeSpan.FromSeconds(1));
            await FailureMiddleware.WriteErrorAsync(context, refusal.Status, refusal.Code!, refusal.Message);
            return;
        }
        using (lease)
        {
            var budget = context.RequestServices.GetRequiredService<RequestBudget>();
            budget.Meter(key, limit);
            budget.Admitted = true;
            if (graphQL)
            {
                await next(context);
                return;
            }
            context.RequestAborted = budget.Start(context.RequestAborted, limit.RequestTime);
            var started = clock.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                gate.Charge(key, limit, clock.GetElapsedTime(started));
            }
        }
    }
}
