using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeedsMap.Graph.Transport.Execution;
using NeedsMap.Graph.Transport.Sharing;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>subscribe and complete: starting operations off the read loop, streaming their results, ending them.</summary>
internal sealed partial class TransportWsConnection
{
    private void OnSubscribe(JsonElement root)
    {
        if (!TryReadId(root, out var id))
            return;
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            Close(CloseCodes.BadRequest, "Invalid message received: subscribe needs a payload object");
            return;
        }
        var parsed = GraphQLRequestParser.Parse(payload, _serializer);
        if (parsed.Error != null)
        {
            Close(CloseCodes.BadRequest, "Invalid message received: " + parsed.Error);
            return;
        }
        if (!IsAcknowledged)
        {
            Close(CloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        if (_operations.ContainsKey(id))
        {
            Close(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {Truncate(id)} already exists");
            return;
        }
        if (_operations.Count >= _options.MaxSubscriptionsPerSocket)
        {
            var refusal = new ExecutionError($"No more than {_options.MaxSubscriptionsPerSocket} operations may run on one connection.")
            {
                Code = "TOO_MANY_OPERATIONS",
            };
            Send(MessageTypes.Error, id, new ExecutionErrors { refusal });
            return;
        }

        // Before it runs or joins a shared run (which skips validation): the host may refuse it, say over a rate.
        if (_options.AdmitSubscribe?.Invoke(_httpContext, _userContext!) is { } refused)
        {
            Send(MessageTypes.Error, id, new ExecutionErrors { refused });
            return;
        }

        var scope = _httpContext.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var operation = new WebSocketOperation(id, scope, _lifetime.Token);
        _operations[id] = operation;
        _ = Task.Run(() => RunOperationAsync(operation, parsed.Request!));
    }

    private async Task OnCompleteAsync(JsonElement root)
    {
        // The client is done with it: stop, and say nothing back.
        if (TryReadId(root, out var id) && _operations.TryRemove(id, out var operation))
            await operation.DisposeAsync();
    }

    private bool TryReadId(JsonElement root, out string id)
    {
        id = "";
        if (root.TryGetProperty("id", out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
        {
            id = text;
            return true;
        }
        Close(CloseCodes.BadRequest, "Invalid message received: id must be a non-empty string");
        return false;
    }

    private async Task RunOperationAsync(WebSocketOperation operation, GraphQLRequest request)
    {
        try
        {
            if (_options.ShareSubscriptions && _sharing.KeyOf(request, _httpContext, _userContext!) is { } key)
            {
                await JoinSharedAsync(operation, request, key);
                return;
            }
            var result = await _runner.ExecuteAsync(request, _httpContext, _userContext!, operation.Services, null, operation.Token);
            if (result.Executed && result.Streams is { Count: > 0 } streams)
                operation.Attach(streams.Values.First().Subscribe(new StreamObserver(this, operation)));
            else
                await AnswerOnceAsync(operation, result);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            await FinishAsync(operation, sendComplete: false);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "GraphQL operation {OperationId} failed", operation.Id);
            SendNext(operation, UnexpectedErrorResult("INTERNAL_SERVER_ERROR", "The operation failed on the server."));
            await FinishAsync(operation, sendComplete: true);
        }
    }

    // The run is the first subscriber's request in a scope of the run's own; the others were identical and of the same
    // partition, so they would have been executed, validated and answered alike.
    private async Task JoinSharedAsync(WebSocketOperation operation, GraphQLRequest request, string key)
    {
        var observer = new StreamObserver(this, operation);
        var userContext = _userContext!;
        var (run, result) = await _sharing.JoinAsync(key, observer,
            run => _runner.ExecuteAsync(request, _httpContext, userContext, run.Services, null, run.Token));
        if (result.Executed && result.Streams is { Count: > 0 })
        {
            operation.Attach(new SharedMembership(run, observer));
            return;
        }
        run.Remove(observer);
        await AnswerOnceAsync(operation, result);
    }

    /// <summary>A result without a stream: refused before execution (parse, validation, variables) is 'error' with no 'complete'; a query, mutation or failed subscribe is one 'next' and 'complete'.</summary>
    private async Task AnswerOnceAsync(WebSocketOperation operation, ExecutionResult result)
    {
        if (!result.Executed)
        {
            Send(MessageTypes.Error, operation, result.Errors ?? []);
            await FinishAsync(operation, sendComplete: false);
            return;
        }
        SendNext(operation, result);
        await FinishAsync(operation, sendComplete: true);
    }

    internal void SendNext(WebSocketOperation operation, ExecutionResult result) => Send(MessageTypes.Next, operation, result);

    /// <summary>A shared event: the payload was serialised once for every member; only the head with this operation's id is its own.</summary>
    internal void SendNext(WebSocketOperation operation, byte[] payload)
    {
        if (IsCurrent(operation))
            _writer.SendSpliced(operation.NextHead, payload);
    }

    /// <summary>Ends an operation the server is done with; does nothing if the client completed it first.</summary>
    internal async Task FinishAsync(WebSocketOperation operation, bool sendComplete)
    {
        if (_operations.TryRemove(new KeyValuePair<string, WebSocketOperation>(operation.Id, operation)) && sendComplete)
            Send(MessageTypes.Complete, operation.Id, null);
        await operation.DisposeAsync();
    }

    internal static ExecutionResult UnexpectedErrorResult(string code, string message) =>
        new() { Errors = [new ExecutionError(message) { Code = code }] };

    private void Send(string type, WebSocketOperation operation, object payload)
    {
        if (IsCurrent(operation))
            Send(type, operation.Id, payload);
    }

    // A client that sent 'complete' gets nothing more for that id, even if it reuses the id for a new operation.
    private bool IsCurrent(WebSocketOperation operation) =>
        _operations.TryGetValue(operation.Id, out var current) && ReferenceEquals(current, operation);

    private void Send(string type, string id, object? payload) =>
        _writer.Send(_serializer.Serialize(new OperationMessage { Type = type, Id = id, Payload = payload }));
}
