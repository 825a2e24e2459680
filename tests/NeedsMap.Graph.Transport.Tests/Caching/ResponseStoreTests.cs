using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Graph.Transport.Tests.Caching;

public sealed class ResponseStoreTests
{
    private static CachedResponse Response(int bytes) => new(new byte[bytes], []);

    [Fact]
    public void The_least_recently_used_entries_go_first_when_the_budget_is_full()
    {
        var entry = ResponseStore.SizeOf("a", Response(1000));
        var store = new ResponseStore(3 * entry);
        store.Set("a", Response(1000));
        store.Set("b", Response(1000));
        store.Set("c", Response(1000));

        Assert.NotNull(store.Get("a"));
        store.Set("d", Response(1000));

        Assert.Null(store.Get("b"));
        Assert.NotNull(store.Get("a"));
        Assert.NotNull(store.Get("c"));
        Assert.NotNull(store.Get("d"));
        Assert.Equal((3, 3 * entry), (store.Count, store.Bytes));
    }

    [Fact]
    public void An_entry_larger_than_the_whole_budget_is_refused_and_evicts_nothing()
    {
        var store = new ResponseStore(ResponseStore.SizeOf("a", Response(1000)));
        store.Set("a", Response(1000));

        Assert.False(store.Set("b", Response(5000)));
        Assert.NotNull(store.Get("a"));
    }

    [Fact]
    public void Replacing_an_entry_counts_its_bytes_once_and_removing_spares_a_fresher_one()
    {
        var store = new ResponseStore(1_000_000);
        var old = Response(100);
        store.Set("a", old);
        var fresh = Response(300);
        store.Set("a", fresh);

        store.Remove("a", old);

        Assert.Same(fresh, store.Get("a"));
        Assert.Equal(ResponseStore.SizeOf("a", fresh), store.Bytes);
        store.Remove("a", fresh);
        Assert.Equal((0, 0L), (store.Count, store.Bytes));
    }
}
