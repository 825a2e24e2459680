using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeedsMap.Graph.Transport.Telemetry;

namespace NeedsMap.Graph.Transport.Execution;

/// <summary>Fills <see cref="ExecutionOptions"/> the same way for HTTP and WebSocket operations, then executes.</summary>
internal sealed class GraphQLOperationRunner(IOptions<GraphQLTransportOptions> options)
{
    private readonly GraphQLTransportOptions _options = options.Value;

    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        HttpContext httpContext,
        IDictionary<string, object?> userContext,
        IServiceProvider requestServices,
        IValidationRule? transportRule,
        CancellationToken cancellationToken)
    {
        var executionOptions = new ExecutionOptions
        {
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = userContext,
            User = httpContext.User,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
        };
        _options.ConfigureExecution?.Invoke(executionOptions, httpContext);

        // Added after the host's hook so that replacing ValidationRules there cannot drop it; it also runs for
        // documents served from a cache, since the HTTP method is not a property of the document.
        if (transportRule != null)
        {
            executionOptions.ValidationRules = (executionOptions.ValidationRules ?? DocumentValidator.CoreRules).Append(transportRule);
            executionOptions.CachedDocumentValidationRules = (executionOptions.CachedDocumentValidationRules ?? []).Append(transportRule);
        }

        var executer = requestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        using var activity = TransportTelemetry.StartOperation();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await executer.ExecuteAsync(executionOptions);
        TransportTelemetry.RecordOperation(activity, result, request.OperationName, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return result;
    }
}
