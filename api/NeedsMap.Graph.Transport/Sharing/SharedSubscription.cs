using System.Text;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Graph.Transport.Telemetry;

namespace NeedsMap.Graph.Transport.Sharing;

/// <summary>
/// One run of a subscription for every identical subscribe (<see cref="SharedSubscriptions"/>): executed once in a service scope
/// of its own, so no member's socket owns it; each event is executed and serialised once and handed to every member. Ends
/// when its stream ends or its last member leaves.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "It disposes _lifetime itself when its stream ends or its last member leaves (DisposeAsync); callers never own it.")]
internal sealed class SharedSubscription : IObserver<ExecutionResult>
{
    private readonly SharedSubscriptions _owner;
    private readonly AsyncServiceScope _scope;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<ExecutionResult> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private ISharedSubscriber[] _members = [];
    private IDisposable? _stream;
    private bool _closed;
    private int _ended;

    public SharedSubscription(SharedSubscriptions owner, string key, AsyncServiceScope scope, IGraphQLTextSerializer serializer)
    {
        _owner = owner;
        Key = key;
        _scope = scope;
        _serializer = serializer;
    }

    public string Key { get; }

    public IServiceProvider Services => _scope.ServiceProvider;

    public CancellationToken Token => _lifetime.Token;

    /// <summary>The result of executing the operation: streams to share, or what every member gets instead (errors).</summary>
    public Task<ExecutionResult> Ready => _ready.Task;

    public int MemberCount => Volatile.Read(ref _members).Length;

    /// <summary>False once the run has ended or is ending; the caller starts a new one.</summary>
    public bool TryAdd(ISharedSubscriber member)
    {
        lock (_gate)
        {
            if (_closed)
                return false;
            _members = [.. _members, member];
            return true;
        }
    }

    public void Remove(ISharedSubscriber member)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_members, member);
            if (index < 0)
                return;
            _members = [.. _members[..index], .. _members[(index + 1)..]];
            if (_members.Length > 0 || _closed)
                return;
            _closed = true;
        }
        End();
    }

    public async Task StartAsync(Func<SharedSubscription, Task<ExecutionResult>> execute)
    {
        ExecutionResult result;
        try
        {
            result = await execute(this);
        }
        catch (Exception e)
        {
            Close();
            _ready.TrySetException(e);
            return;
        }
        if (result.Executed && result.Streams is { Count: > 0 } streams)
        {
            var stream = streams.Values.First().Subscribe(this);
            bool ended;
            lock (_gate)
            {
                ended = _closed;
                if (!ended)
                    _stream = stream;
            }
            if (ended)
                stream.Dispose();
        }
        else
        {
            // Nothing to share (refused, or not a stream): each member is given this result and ends.
            Close();
        }
        _ready.TrySetResult(result);
    }

    public void OnNext(ExecutionResult value)
    {
        var members = Volatile.Read(ref _members);
        if (members.Length == 0)
            return;
        var payload = Encoding.UTF8.GetBytes(_serializer.Serialize(value));
        foreach (var member in members)
            member.OnShared(payload);
        TransportTelemetry.EventsDelivered(members.Length);
    }

    public void OnError(Exception error)
    {
        foreach (var member in Close())
            member.OnError(error);
    }

    public void OnCompleted()
    {
        foreach (var member in Close())
            member.OnCompleted();
    }

    private ISharedSubscriber[] Close()
    {
        ISharedSubscriber[] members;
        lock (_gate)
        {
            _closed = true;
            members = _members;
        }
        End();
        return members;
    }

    private void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
            return;
        _owner.Forget(this);
        IDisposable? stream;
        lock (_gate)
        {
            stream = _stream;
            _stream = null;
        }
        stream?.Dispose();
        _ = DisposeAsync();
    }

    private async Task DisposeAsync()
    {
        await _lifetime.CancelAsync();
        await _scope.DisposeAsync();
        _lifetime.Dispose();
    }
}
