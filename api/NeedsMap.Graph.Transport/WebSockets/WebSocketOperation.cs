using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>
/// One subscribe on a socket: its own service scope (so concurrent operations never share a DbContext),
/// its cancellation, and the stream subscription. The scope lives until the operation ends, because a
/// subscription's resolvers run for every event.
/// </summary>
internal sealed class WebSocketOperation(string id, AsyncServiceScope scope, CancellationToken connectionLifetime) : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(connectionLifetime);
    private readonly Lock _lock = new();
    private IDisposable? _stream;
    private bool _disposed;

    public string Id { get; } = id;

    /// <summary><c>{"id":…,"type":"next","payload":</c> in UTF-8: a shared event's payload and a closing brace complete the message.</summary>
    public byte[] NextHead => field ??= Encoding.UTF8.GetBytes($$"""{"id":{{JsonSerializer.Serialize(Id)}},"type":"{{MessageTypes.Next}}","payload":""");

    public IServiceProvider Services => scope.ServiceProvider;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Keeps the stream subscription; disposes it at once if the operation already ended.</summary>
    public void Attach(IDisposable stream)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _stream = stream;
                return;
            }
        }
        stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        IDisposable? stream;
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            stream = _stream;
        }
        await _cancellation.CancelAsync();
        stream?.Dispose();
        await scope.DisposeAsync();
        _cancellation.Dispose();
    }
}
