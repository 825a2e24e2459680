using GraphQL;
using GraphQL.DI;
using NeedsMap.Api.Failures;

namespace NeedsMap.Api.Cost;

/// <summary>
/// Around every GraphQL execution (HTTP or WebSocket) of a metered caller: wait for one of the caller's slots (or be refused),
/// run under the request's deadline, and charge the caller's bucket with the time it took. A deadline that fires answers
/// <c>QUERY_TIMEOUT</c>; the database has already been told to stop.
/// </summary>
public static class CostExecution
{
    public static async Task<ExecutionResult> RunAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var services = options.RequestServices;
        if (services?.GetService<RequestBudget>() is not { CallerKey: { } key, Limit: { } limit } budget)
        {
            return await next(options);
        }
        var gate = services.GetRequiredService<CallerGate>();
        var settings = services.GetRequiredService<CostSettings>();
        var clock = services.GetRequiredService<TimeProvider>();
        var outer = options.CancellationToken;
        var (lease, refusal) = settings.Enabled && !budget.Admitted ? await gate.EnterAsync(key, limit, outer) : (null, null);
        if (refusal is not null)
        {
            return new ExecutionResult { Errors = [refusal] };
        }
        using (lease)
        {
            options.CancellationToken = budget.Start(outer, limit.RequestTime);
            var started = clock.GetTimestamp();
            var executed = true;
            try
            {
                var result = await next(options);
                // A document refused before it ran (invalid, too expensive) cost the database nothing.
                executed = result.Executed;
                return result;
            }
            catch (OperationCanceledException) when (budget.Expired && !outer.IsCancellationRequested)
            {
                return new ExecutionResult { Executed = true, Errors = [FailureErrors.Timeout(budget.ExpiredMessage)] };
            }
            finally
            {
                if (settings.Enabled && executed)
                {
                    gate.Charge(key, limit, clock.GetElapsedTime(started));
                }
            }
        }
    }
}
