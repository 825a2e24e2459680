using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NeedsMap.Bench.Subscribers;

/// <summary>
/// A thread reading its share of a client process's subscriber sockets (<see cref="ClientProcess.ReadersPerProcess"/> of them
/// a process): it waits on a Linux epoll set of its own for the sockets with data, and reads each with one non-blocking receive. A message then costs the client a receive system call and a scan,
/// with no thread-pool work item, continuation or task per message (<see cref="EpollSubscriber"/>).
/// </summary>
internal sealed partial class EpollReader : IDisposable
{
    private const int EpollIn = 0x001;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const int Interrupted = 4; // EINTR

    private readonly int _epoll;
    private readonly EpollSubscriber?[] _slots;
    private readonly Thread _thread;
    private int _count;
    private volatile bool _stopping;

    public EpollReader(int capacity)
    {
        _epoll = EpollCreate1(0);
        if (_epoll < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1");
        }
        _slots = new EpollSubscriber?[capacity];
        _thread = new Thread(Loop) { IsBackground = true, Name = "bench-epoll-reader" };
        _thread.Start();
    }

    /// <summary>Reads <paramref name="subscriber"/>'s socket from now on (its socket is non-blocking).</summary>
    public void Add(EpollSubscriber subscriber, int fd)
    {
        var slot = Interlocked.Increment(ref _count) - 1;
        Volatile.Write(ref _slots[slot], subscriber);
        var ev = new EpollEvent { Events = EpollIn, Data = (ulong)slot };
        if (EpollCtl(_epoll, EpollCtlAdd, fd, ref ev) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_ctl");
        }
    }

    private unsafe void Loop()
    {
        var events = new EpollEvent[512];
        while (!_stopping)
        {
            int ready;
            fixed (EpollEvent* pointer = events)
            {
                ready = EpollWait(_epoll, pointer, events.Length, 200);
            }
            if (ready < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == Interrupted)
                {
                    continue;
                }
                throw new Win32Exception(error, "epoll_wait");
            }
            for (var i = 0; i < ready; i++)
            {
                var subscriber = Volatile.Read(ref _slots[(int)events[i].Data]);
                if (subscriber is not null && !subscriber.OnReadable())
                {
                    // Closed or failed: no more readiness from it (level-triggered epoll would report a closed socket forever).
                    var none = default(EpollEvent);
                    _ = EpollCtl(_epoll, EpollCtlDel, subscriber.Descriptor, ref none);
                    Volatile.Write(ref _slots[(int)events[i].Data], null);
                }
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _ = Close(_epoll);
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epfd, int op, int fd, ref EpollEvent ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static unsafe partial int EpollWait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
