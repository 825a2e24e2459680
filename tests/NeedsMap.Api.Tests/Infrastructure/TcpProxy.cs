using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of the test PostgreSQL, so a test can take the database away from a server and give it
/// back: <see cref="Stop"/> closes the port and cuts every connection (the server sees connections refused and reset, as
/// when the database host goes down); <see cref="Start"/> listens again on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _running;

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
    }

    public int Port { get; private set; }

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _running = new CancellationTokenSource();
        _ = AcceptAsync(_listener, _running.Token);
    }

    public void Stop()
    {
        _running?.Cancel();
        _listener?.Stop();
        foreach (var socket in _open.Keys)
        {
            Close(socket);
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_target, stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                Close(client);
                Close(server);
                continue;
            }
            _open[client] = 0;
            _open[server] = 0;
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        Close(from);
        Close(to);
    }

    private void Close(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try
        {
            socket.LingerState = new LingerOption(true, 0); // a reset, as a dead host's connections end
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _running?.Dispose();
        return ValueTask.CompletedTask;
    }
}
