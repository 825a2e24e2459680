using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NeedsMap.Graph.Transport.Execution;
using NeedsMap.Graph.Transport.Sharing;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>
/// One graphql-transport-ws socket: the read loop, the connection state, and the running operations.
/// The read loop only parses and dispatches; operations run on their own tasks and reply through the writer.
/// </summary>
internal sealed partial class TransportWsConnection
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly HttpContext _httpContext;
    private readonly GraphQLOperationRunner _runner;
    private readonly SharedSubscriptions _sharing;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly GraphQLTransportOptions _options;
    private readonly ILogger _logger;
    private readonly WebSocketWriter _writer;
    private readonly KeepAliveWheel _keepAliveWheel;
    private IDisposable? _keepAlive;
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationTokenSource _receive;
    // Ends the connection_init timeout's wait as soon as init arrives, so no socket holds a timer after its handshake.
    private readonly CancellationTokenSource _initWait;
    private readonly ConcurrentDictionary<string, WebSocketOperation> _operations = new();
    private int _initReceived;
    private IDictionary<string, object?>? _userContext;

    public TransportWsConnection(
        WebSocket socket,
        HttpContext httpContext,
        GraphQLOperationRunner runner,
        SharedSubscriptions sharing,
        IGraphQLTextSerializer serializer,
        GraphQLTransportOptions options,
        KeepAliveWheel keepAliveWheel,
        ILogger logger)
    {
        _keepAliveWheel = keepAliveWheel;
        _socket = socket;
        _httpContext = httpContext;
        _runner = runner;
        _sharing = sharing;
        _serializer = serializer;
        _options = options;
        _logger = logger;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        _receive = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        _initWait = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        _writer = new WebSocketWriter(socket, options.MaxQueuedMessagesPerSocket, logger, httpContext.RequestAborted);
    }

    private bool IsAcknowledged => Volatile.Read(ref _userContext) != null;

    /// <summary>Serves the socket until it closes; <paramref name="serverStopping"/> closes it with 1001 (going away).</summary>
    public async Task RunAsync(CancellationToken serverStopping)
    {
        await using var onStopping = serverStopping.Register(() => Close((int)WebSocketCloseStatus.EndpointUnavailable, "Server shutting down"));
        _ = CloseIfNotInitialisedAsync();
        var closeReply = AwaitCloseReplyAsync();
        try
        {
            await ReadLoopAsync();
        }
        finally
        {
            await _lifetime.CancelAsync();
            Volatile.Read(ref _keepAlive)?.Dispose();
            await closeReply;
            foreach (var id in _operations.Keys)
            {
                if (_operations.TryRemove(id, out var operation))
                    await operation.DisposeAsync();
            }
            _writer.Complete();
            // The close handshake gets its bounded wait even while the server stops: not the stopping token.
            if (await Task.WhenAny(_writer.Completion, Task.Delay(CloseHandshakeTimeout, CancellationToken.None)) != _writer.Completion)
                _socket.Abort();
            _lifetime.Dispose();
            _receive.Dispose();
            _initWait.Dispose();
        }
    }

    /// <summary>Closes the socket from our side; <see cref="AwaitCloseReplyAsync"/> then gives the peer a moment to answer.</summary>
    private void Close(int code, string reason) => _writer.Close(code, reason);

    private async Task AwaitCloseReplyAsync()
    {
        await _writer.CloseRequested.WaitAsync(_lifetime.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_lifetime.IsCancellationRequested)
            _receive.CancelAfter(CloseHandshakeTimeout);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[4096];
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            ValueWebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(buffer.AsMemory(), _receive.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                // The peer's close, or its answer to ours; in the first case echo its code.
                var status = _socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
                _writer.Close((int)status, _socket.CloseStatusDescription ?? "");
                return;
            }

            if (_writer.IsClosing)
                continue;
            if (received.MessageType == WebSocketMessageType.Binary)
            {
                Close(CloseCodes.BadRequest, "Binary messages are not supported");
                continue;
            }

            buffer.AsSpan(0, received.Count).CopyTo(message.GetSpan(received.Count));
            message.Advance(received.Count);
            if (message.WrittenCount > _options.MaxRequestBodyBytes)
            {
                Close((int)WebSocketCloseStatus.MessageTooBig, "Message too big");
                continue;
            }
            if (!received.EndOfMessage)
                continue;

            try
            {
                await HandleMessageAsync(message.WrittenMemory);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A graphql-transport-ws message failed");
                Close((int)WebSocketCloseStatus.InternalServerError, "Internal server error");
            }
            message.Clear();
        }
    }
}
