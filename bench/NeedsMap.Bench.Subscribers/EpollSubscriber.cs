using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NeedsMap.Bench.Subscribers;

/// <summary>
/// A subscriber speaking WebSocket (RFC 6455) over a plain socket (<c>--client epoll</c>, the default): the handshake and the
/// subscription are sent with blocking calls, then the socket turns non-blocking and one of its process's <see cref="EpollReader"/>s
/// reads it. The bench's clients share the server's two cores, and a real subscriber's receive costs the server nothing, so
/// the bench's should cost as little as it can; what it records is the same as <see cref="WebSocketSubscriber"/>'s.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "CloseAsync disposes them; the client process closes every subscriber before it exits.")]
internal sealed class EpollSubscriber(int index, string query, JsonElement variables, string token, EpollReader reader) : SubscriberBase(index)
{
    private const int Text = 0x1, Continuation = 0x0, Close = 0x8, Ping = 0x9, Pong = 0xA;
    private static readonly byte[] PongMessage = """{"type":"pong"}"""u8.ToArray();

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Lock _sending = new();
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;
    private readonly List<byte> _fragments = [];
    private bool _closed;

    /// <summary>The socket's file descriptor, kept from registration: the epoll reader removes it after the socket may be disposed.</summary>
    public int Descriptor { get; private set; } = -1;

    public override Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        // Blocking calls only: an asynchronous one would register the socket with .NET's own epoll thread as well.
        _socket.ReceiveTimeout = 30_000;
        _socket.SendTimeout = 30_000;
        _socket.Connect(uri.Host, uri.Port);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        SendAll(Encoding.ASCII.GetBytes($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n"
            + $"Authorization: Bearer {token}\r\n\r\n"));
        var head = ReadHandshakeAnswer();
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"subscriber {Index}: the upgrade was answered {head.Split('\r')[0]}");
        }
        SendFrame(Text, JsonSerializer.SerializeToUtf8Bytes(new { type = "connection_init", payload = new { token } }));
        var ack = ReadMessageBlocking();
        if (ack is null || !ack.Contains("\"connection_ack\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"subscriber {Index}: expected connection_ack, got {ack ?? "a close"}");
        }
        SendFrame(Text, JsonSerializer.SerializeToUtf8Bytes(new { id = "1", type = "subscribe", payload = new { query, variables } }));
        _socket.Blocking = false;
        Descriptor = (int)_socket.Handle;
        reader.Add(this, Descriptor);
        return Task.CompletedTask;
    }

    /// <summary>The HTTP answer to the upgrade, up to its blank line; bytes after it are the first frames and stay buffered.</summary>
    private string ReadHandshakeAnswer()
    {
        while (true)
        {
            var end = _buffer.AsSpan(0, _length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(_buffer, 0, end);
                Consume(end + 4);
                return head;
            }
            ReceiveBlocking();
        }
    }

    /// <summary>The first text message, read with blocking receives (before the socket is handed to the epoll reader).</summary>
    private string? ReadMessageBlocking()
    {
        string? message = null;
        var open = true;
        while (message is null && open)
        {
            ReceiveBlocking();
            open = ParseFrames((payload, _, _) => message = Encoding.UTF8.GetString(payload));
        }
        return message;
    }

    private void ReceiveBlocking()
    {
        Grow();
        var n = _socket.Receive(_buffer, _length, _buffer.Length - _length, SocketFlags.None);
        if (n == 0)
        {
            throw new InvalidOperationException($"subscriber {Index}: the server closed the connection during the handshake");
        }
        _length += n;
    }

    /// <summary>Called by the epoll reader when the socket has data; false once the socket is closed or failed.</summary>
    public bool OnReadable()
    {
        try
        {
            Grow();
            var n = _socket.Receive(_buffer.AsSpan(_length), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                return true;
            }
            if (error != SocketError.Success || n == 0)
            {
                Fail(n == 0 && error == SocketError.Success ? "closed by the server without a close frame" : "receive: " + error);
                return false;
            }
            _length += n;
            return ParseFrames(OnMessage);
        }
        catch (Exception e) when (e is JsonException or FormatException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Fail(e.GetType().Name + ": " + e.Message);
            return false;
        }
    }

    private void OnMessage(ReadOnlySpan<byte> message, long at, DateTimeOffset now)
    {
        if (Take(message, at, now))
        {
            SendFrame(Text, PongMessage);
        }
    }

    private delegate void MessageHandler(ReadOnlySpan<byte> message, long at, DateTimeOffset now);

    /// <summary>Takes every whole frame buffered; false when the server closed the connection.</summary>
    private bool ParseFrames(MessageHandler onMessage)
    {
        var offset = 0;
        var open = true;
        while (open && _length - offset >= 2)
        {
            var first = _buffer[offset];
            var second = _buffer[offset + 1];
            var opcode = first & 0x0F;
            var final = (first & 0x80) != 0;
            long length = second & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (_length - offset < 4)
                {
                    break;
                }
                length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(offset + 2));
                header = 4;
            }
            else if (length == 127)
            {
                if (_length - offset < 10)
                {
                    break;
                }
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(offset + 2));
                header = 10;
            }
            var masked = (second & 0x80) != 0;
            if (masked)
            {
                header += 4;
            }
            if (_length - offset < header + length)
            {
                // A frame larger than the buffer grows it before the next receive.
                if (header + length > _buffer.Length)
                {
                    Array.Resize(ref _buffer, (int)Math.Max(_buffer.Length * 2, header + length));
                }
                break;
            }
            var payload = _buffer.AsSpan(offset + header, (int)length);
            if (masked)
            {
                var mask = _buffer.AsSpan(offset + header - 4, 4);
                for (var i = 0; i < payload.Length; i++)
                {
                    payload[i] ^= mask[i % 4];
                }
            }
            offset += header + (int)length;
            switch (opcode)
            {
                case Text or Continuation when final && _fragments.Count == 0:
                    onMessage(payload, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
                    break;
                case Text or Continuation:
                    _fragments.AddRange(payload);
                    if (final)
                    {
                        var whole = _fragments.ToArray();
                        _fragments.Clear();
                        onMessage(whole, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
                    }
                    break;
                case Close:
                    var status = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 1005;
                    Fail($"closed: {status} {Encoding.UTF8.GetString(payload[Math.Min(2, payload.Length)..])}");
                    open = false;
                    break;
                case Ping:
                    SendFrame(Pong, payload.ToArray());
                    break;
            }
        }
        Consume(offset);
        return open;
    }

    private void Consume(int count)
    {
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
    }

    private void Grow()
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }

    /// <summary>One masked frame (a client must mask every frame it sends).</summary>
    private void SendFrame(int opcode, ReadOnlySpan<byte> payload)
    {
        var header = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var frame = new byte[header + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (header == 2)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (header == 4)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }
        var mask = frame.AsSpan(header, 4);
        RandomNumberGenerator.Fill(mask);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }
        SendAll(frame);
    }

    // Whole, even on the non-blocking socket (a pong or a close is a few bytes; waiting for room is rare).
    private void SendAll(byte[] bytes)
    {
        lock (_sending)
        {
            var sent = 0;
            while (sent < bytes.Length)
            {
                var n = _socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    _socket.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectWrite);
                    continue;
                }
                if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }
                sent += n;
            }
        }
    }

    public override Task CloseAsync()
    {
        if (!_closed)
        {
            _closed = true;
            try
            {
                SendFrame(Close, [0x03, 0xE8]); // 1000, normal closure
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            _socket.Dispose();
        }
        return Task.CompletedTask;
    }
}
