using GraphQL;
using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport;

/// <summary>Settings of the GraphQL transport; set them through <c>AddGraphQLTransport(o => ...)</c>.</summary>
public sealed class GraphQLTransportOptions
{
    /// <summary>Largest accepted POST body and WebSocket message, in bytes; a larger POST gets 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether queries may be sent with GET (mutations over GET are refused with 405 either way).</summary>
    public bool EnableGet { get; set; } = true;

    /// <summary>Time a WebSocket client has to send <c>connection_init</c> before the socket closes with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Operations one socket may run at once; a subscribe beyond it gets an <c>error</c> message.</summary>
    public int MaxSubscriptionsPerSocket { get; set; } = 100;

    /// <summary>
    /// Messages that may wait to be sent on one socket; a client that falls further behind (a fast subscription,
    /// a slow reader) is closed with 1008 instead of holding ever more memory on the server.
    /// </summary>
    public int MaxQueuedMessagesPerSocket { get; set; } = 1000;

    /// <summary>
    /// Whether identical subscriptions of callers in one <see cref="ICallerPartition"/> share one run (see
    /// <see cref="Sharing.SharedSubscriptions"/>): each event is then executed and serialised once, whatever the number of subscribers.
    /// </summary>
    public bool ShareSubscriptions { get; set; } = true;

    /// <summary>
    /// Runs for every <c>subscribe</c> message of an acknowledged socket (the upgrade request and the socket's user context),
    /// before the operation runs or joins a shared run; an error refuses it with an <c>error</c> message. Null admits all.
    /// </summary>
    public Func<HttpContext, IDictionary<string, object?>, ExecutionError?>? AdmitSubscribe { get; set; }

    /// <summary>Interval of the server's <c>ping</c> messages once a socket is acknowledged; null sends none.</summary>
    public TimeSpan? KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs for every operation, HTTP or WebSocket, after the transport has filled the options
    /// (query, variables, user context, <see cref="ExecutionOptions.RequestServices"/>) and before execution:
    /// the place for validation rules, complexity limits or a per-request root value. For a WebSocket operation
    /// the <see cref="HttpContext"/> is the upgrade request's (<c>WebSockets.IsWebSocketRequest</c> is true) and
    /// <see cref="ExecutionOptions.RequestServices"/> is a scope of that one operation.
    /// </summary>
    public Action<ExecutionOptions, HttpContext>? ConfigureExecution { get; set; }

    /// <summary>
    /// Maps an error of a request that never executed to an HTTP status (say a rule's 401 or 403, matched on
    /// <c>ValidationError.Number</c>). Null, or a null answer for every error, keeps the spec's default:
    /// 400 with <c>application/graphql-response+json</c>, 200 with <c>application/json</c>.
    /// </summary>
    public Func<ExecutionError, int?>? RequestErrorStatusCode { get; set; }

    /// <summary>
    /// The host's first word on the HTTP status of any result, executed or not: a status for a failure it recognises
    /// (say 503 while its database is down, setting <c>Retry-After</c> on the response it is given). Null, or a null
    /// answer, keeps <see cref="RequestErrorStatusCode"/> and the spec's defaults.
    /// </summary>
    public Func<ExecutionResult, HttpContext, int?>? ResultStatusCode { get; set; }
}
