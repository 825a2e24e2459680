using GraphQL;
using GraphQL.Validation;
using NeedsMap.Api.Failures;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.Cost;

/// <summary>
/// Issue #17: what the database pays (cost model, budgets per request and per caller, deadlines, concurrency), hooked into
/// every GraphQL execution after the caller is known, with the status (503, 504, 429) a failure decides.
/// </summary>
public static class CostModule
{
    public static IServiceCollection AddNeedsMapCost(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = CostSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<CallerGate>();
        services.AddScoped<RequestBudget>();
        // The failure middleware (below Cost) reads the deadline through its own interface.
        services.AddScoped<IRequestDeadline>(sp => sp.GetRequiredService<RequestBudget>());
        services.AddGraphQL(b => b
            // extensions.code only: "codes" listed the type names of inner exceptions (POSTGRES, NPGSQL…).
            .AddErrorInfoProvider(o => o.ExposeCodes = false)
            .ConfigureExecution((options, next) => CostExecution.RunAsync(options, next)));
        services.PostConfigure<GraphQLTransportOptions>(o =>
        {
            var previous = o.ConfigureExecution;
            o.ConfigureExecution = (execution, http) =>
            {
                previous?.Invoke(execution, http);
                var caller = (execution.UserContext as NeedsMapUserContext)?.Caller
                    ?? execution.RequestServices!.GetRequiredService<CallerResolver>().Anonymous;
                var limit = settings.For(caller.Role);
                var budget = execution.RequestServices!.GetRequiredService<RequestBudget>();
                budget.Meter(CallerGate.KeyOf(caller.Role, caller.Authenticated, caller.Subject, http), limit);
                // After the role's rule (who may use a field answers before what it costs), before the complexity analyser; its
                // refusal is thrown while rules are being set up, which ends validation before any rule walks a hostile document.
                var rule = new DatabaseCostRule(limit, budget, settings);
                execution.ValidationRules = (execution.ValidationRules ?? DocumentValidator.CoreRules).Append(rule).ToList();
                execution.CachedDocumentValidationRules = (execution.CachedDocumentValidationRules ?? []).Append(rule).ToList();
            };
            var previousStatus = o.ResultStatusCode;
            o.ResultStatusCode = (result, http) => StatusOf(result, http) ?? previousStatus?.Invoke(result, http);
        });
        return services;
    }

    /// <summary>The budgets, after the caller is known (after Security's middleware).</summary>
    public static WebApplication UseNeedsMapCost(this WebApplication app)
    {
        app.UseMiddleware<CostMiddleware>();
        return app;
    }

    /// <summary>503, 504 or 429 (with Retry-After) when a result carries a failure that decides its status.</summary>
    private static int? StatusOf(ExecutionResult result, HttpContext http)
    {
        var error = result.Errors?.OfType<StatusError>().OrderByDescending(e => e.Status).FirstOrDefault();
        if (error is null)
        {
            return null;
        }
        if (error.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = StatusError.Seconds(wait);
        }
        return error.Status;
    }
}
