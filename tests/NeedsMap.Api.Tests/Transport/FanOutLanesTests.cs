using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Tests.Transport;

/// <summary>
/// The lanes that hand need changes to needChanged's subscribers (Needs/Events/FanOutLanes): each subscriber gets its changes
/// in the order posted, one slow or failing subscriber holds up no subscriber on another lane, and a failure loses nothing else.
/// </summary>
public sealed class FanOutLanesTests
{
    [Fact]
    public async Task Every_observer_gets_every_change_once_in_the_order_posted()
    {
        using var lanes = new FanOutLanes(3, NullLogger.Instance);
        var observers = Enumerable.Range(0, 40).Select(_ => new Recorder()).ToList();
        for (var id = 1; id <= 5_000; id++)
        {
            lanes.Post(observers[id % observers.Count], Change(id));
        }

        await Eventually.TrueAsync(() => observers.Sum(o => o.Ids.Count) == 5_000, "Not every change arrived.", TimeSpan.FromSeconds(10));
        for (var k = 0; k < observers.Count; k++)
        {
            Assert.Equal(Enumerable.Range(1, 5_000).Where(id => id % observers.Count == k).Select(id => (long)id), observers[k].Ids);
        }
    }

    [Fact]
    public async Task A_stuck_subscriber_holds_up_only_its_own_lane_and_a_failing_one_nothing()
    {
        using var lanes = new FanOutLanes(2, NullLogger.Instance);
        using var release = new ManualResetEventSlim(false);
        var stuck = new Recorder(release);
        var stuckLane = lanes.LaneOf(stuck);
        // A lane is drawn from the observer's identity hash: draw observers until each lane has what the test needs, rather
        // than count on twenty draws not all landing on one lane.
        var failing = Draw(() => new Recorder(fail: true), o => lanes.LaneOf(o) != stuckLane, 1).Single();
        var free = Draw(() => new Recorder(), o => lanes.LaneOf(o) != stuckLane, 10);
        var held = Draw(() => new Recorder(), o => lanes.LaneOf(o) == stuckLane, 10);

        lanes.Post(stuck, Change(1));
        foreach (var (observer, i) in free.Concat(held).Select((o, i) => (o, i)))
        {
            lanes.Post(failing, Change(100 + i));
            lanes.Post(observer, Change(200 + i));
        }

        // The free lane goes on past the failing observer while the stuck one holds up its own lane.
        await Eventually.TrueAsync(() => free.All(o => o.Ids.Count == 1) && failing.Calls == 20, "The free lane was held up.",
            TimeSpan.FromSeconds(10));
        Assert.Empty(stuck.Ids);
        Assert.All(held, o => Assert.Empty(o.Ids));
        release.Set();
        await Eventually.TrueAsync(() => held.All(o => o.Ids.Count == 1) && stuck.Ids.Count == 1, "A change was lost.",
            TimeSpan.FromSeconds(10));
        Assert.All(free, o => Assert.Single(o.Ids));
        Assert.Empty(failing.Ids);
    }

    private static List<Recorder> Draw(Func<Recorder> create, Func<Recorder, bool> keep, int count)
    {
        var kept = new List<Recorder>();
        for (var tries = 0; kept.Count < count; tries++)
        {
            Assert.True(tries < 10_000, "Observers never land on that lane.");
            var candidate = create();
            if (keep(candidate))
            {
                kept.Add(candidate);
            }
        }
        return kept;
    }

    private static NeedChange Change(long id) => new(NeedChangeKind.Created, new Need
    {
        Id = id,
        ChannelCode = "test",
        ExternalId = "n" + id,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Text = "",
        CategoryCode = "other",
        Location = new Point(120, 29),
        JurisdictionCode = "330782",
        JurisdictionPath = "330782.",
    });

    private sealed class Recorder(ManualResetEventSlim? gate = null, bool fail = false) : IObserver<NeedChange>
    {
        private int _calls;

        public ConcurrentQueue<long> Ids { get; } = new();

        public int Calls => Volatile.Read(ref _calls);

        public void OnNext(NeedChange value)
        {
            Interlocked.Increment(ref _calls);
            gate?.Wait(TimeSpan.FromSeconds(30));
            if (fail)
            {
                throw new InvalidOperationException("a faulty subscriber");
            }
            Ids.Enqueue(value.Need.Id);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
