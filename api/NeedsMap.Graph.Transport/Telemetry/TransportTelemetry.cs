using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL;
using GraphQLParser.AST;

namespace NeedsMap.Graph.Transport.Telemetry;

/// <summary>
/// Spans and instruments of the transport, named after OpenTelemetry's GraphQL conventions (<c>graphql.operation.*</c>).
/// Without a listener they cost nothing; a host exports them by adding <see cref="SourceName"/> / <see cref="MeterName"/>.
/// </summary>
public static class TransportTelemetry
{
    public const string SourceName = "NeedsMap.Graph.Transport";
    public const string MeterName = "NeedsMap.Graph.Transport";

    private const int MaxNameLength = 64;

    internal static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Operations = Meter.CreateCounter<long>("graphql.operations", "{operation}",
        "GraphQL operations executed, by type, name and outcome (ok, error).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("graphql.operation.duration", "s",
        "Time to execute a GraphQL operation (for a subscription: until its streams are set up).");

    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>("graphql.subscription.events", "{event}",
        "Subscription events written to sockets (a shared run's event counts once per member).");

    private static readonly Histogram<double> SendLag = Meter.CreateHistogram<double>("graphql.subscription.send_lag", "s",
        "From a shared event's queueing on a socket to its send completing (the socket's queue, the thread pool, the send).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5] });

    internal static Activity? StartOperation() => Source.StartActivity("graphql.execute", ActivityKind.Internal);

    internal static void RecordOperation(Activity? activity, ExecutionResult result, string? operationName, TimeSpan elapsed)
    {
        var type = result.Operation?.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            OperationType.Query => "query",
            _ => "unknown",
        };
        var outcome = result.Errors is { Count: > 0 } ? "error" : "ok";
        // Client-chosen, so bounded: a long or random name must not grow the span names or the metric series without end.
        var name = operationName ?? result.Operation?.Name?.StringValue ?? "";
        if (name.Length > MaxNameLength)
        {
            name = name[..MaxNameLength];
        }
        var tags = new TagList { { "graphql.operation.type", type }, { "graphql.operation.name", name }, { "outcome", outcome } };
        Operations.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
        if (activity is not null)
        {
            if (name.Length > 0)
            {
                activity.DisplayName = "graphql.execute " + name;
            }
            activity.SetTag("graphql.operation.type", type);
            activity.SetTag("graphql.operation.name", name);
            if (result.Errors is { Count: > 0 } errors)
            {
                activity.SetStatus(ActivityStatusCode.Error, errors[0].Code);
                activity.SetTag("graphql.error.code", errors[0].Code);
            }
        }
    }

    internal static void EventsDelivered(int count) => Delivered.Add(count);

    internal static void EventSent(long queued) => SendLag.Record(Stopwatch.GetElapsedTime(queued).TotalSeconds);
}
