using System.Diagnostics;
using System.Runtime.CompilerServices;
using NeedsMap.Api.Common.Events;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// Hands need changes to the hub's observers on a few threads of their own, each observer always on the same thread, so an
/// observer's events keep their order while different observers' run at once.
/// </summary>
/// <remarks>
/// Handing a change to an observer is the expensive part of publishing it: a shared run executes its document, serialises
/// the result and queues it on each member's socket (thousands of sockets when subscribers are many). Done one need after
/// another on the listener's publishing thread, that thread was the bottleneck at 20,000 subscribers: busy three quarters
/// of the time, so a burst of deliveries left needs queued behind it for seconds (bench/results/subscribers-20000.md).
/// </remarks>
internal sealed class FanOutLanes : IDisposable
{
    private readonly Lane[] _lanes;

    public FanOutLanes(int count, ILogger logger)
    {
        _lanes = Enumerable.Range(0, count).Select(i => new Lane(i, logger)).ToArray();
    }

    /// <summary>Lanes for this machine: one a core, at least two (so one slow run does not hold up every other), at most eight.</summary>
    public static int DefaultCount => Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>Queues <paramref name="change"/> for <paramref name="observer"/> on the observer's lane.</summary>
    public void Post(IObserver<NeedChange> observer, NeedChange change) => _lanes[LaneOf(observer)].Post(observer, change);

    /// <summary>The lane <paramref name="observer"/>'s changes go on: always the same one, from its identity hash.</summary>
    internal int LaneOf(IObserver<NeedChange> observer) => (RuntimeHelpers.GetHashCode(observer) & int.MaxValue) % _lanes.Length;

    public void Dispose()
    {
        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }
    }

    private sealed class Lane : IDisposable
    {
        private const int Batch = 256;
        private readonly Mailbox<(IObserver<NeedChange> Observer, NeedChange Change, long Posted)> _queue = new();
        private readonly CancellationTokenSource _stopping = new();
        private readonly ILogger _logger;
        private volatile bool _stopped;

        public Lane(int index, ILogger logger)
        {
            _logger = logger;
            new Thread(Run) { IsBackground = true, Name = $"needsmap-fan-out-{index}" }.Start();
        }

        public void Post(IObserver<NeedChange> observer, NeedChange change)
        {
            if (_stopped)
            {
                return; // the server is stopping: its sockets are closing too
            }
            _queue.Post((observer, change, Stopwatch.GetTimestamp()));
        }

        private void Run()
        {
            var batch = new List<(IObserver<NeedChange> Observer, NeedChange Change, long Posted)>(Batch);
            try
            {
                while (!_stopped)
                {
                    _queue.Take(batch, Batch, _stopping.Token);
                    foreach (var (observer, change, posted) in batch)
                    {
                        Deliver(observer, change, posted);
                    }
                }
            }
            catch (Exception e) when (_stopped && e is OperationCanceledException or ObjectDisposedException)
            {
                // Stopped while waiting, or between two looks at the queue while the lane's signals were disposed.
            }
        }

        private void Deliver(IObserver<NeedChange> observer, NeedChange change, long posted)
        {
            try
            {
                observer.OnNext(change);
            }
            catch (Exception ex)
            {
                // One subscription's fault must not stop the others' events.
                _logger.LogWarning(ex, "A needChanged subscriber failed on need {Id}", change.Need.Id);
            }
            NeedChangeMetrics.Delivered(posted);
        }

        public void Dispose()
        {
            _stopped = true;
            _stopping.Cancel();
            _stopping.Dispose();
            _queue.Dispose();
        }
    }
}
