using NeedsMap.Api.Failures;
using NeedsMap.Api.Security;

namespace NeedsMap.Api.Cost;

/// <summary>
/// The same share of the database for the doors that read it without GraphQL (<c>/tiles/…</c>): the caller waits for one
/// of its slots, its request runs under the role's deadline (the endpoint's <c>RequestAborted</c> becomes the deadline's
/// token, which the tile queries pass to Npgsql), and the time it took is charged to the caller's bucket. A deadline that
/// fires becomes 504 <c>QUERY_TIMEOUT</c> in <see cref="FailureMiddleware"/>.
/// </summary>
internal sealed class CostMiddleware(RequestDelegate next, CallerGate gate, CostSettings settings, CallerResolver callers, TimeProvider clock)
{
    public static bool IsMetered(PathString path) => path.StartsWithSegments("/tiles", StringComparison.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!settings.Enabled || !IsMetered(context.Request.Path))
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
