using ShellProgressBar;

namespace NeedsMap.Api.Common.CommandLine;

/// <summary>
/// The one way a long command shows progress: a ShellProgressBar on a terminal (gone before the summary line); in a pipe,
/// a log or a test a line per step, or per <c>every</c> units of work, so a run that is followed by <c>tail -f</c> or
/// a CI log still shows where it is without thousands of bar frames.
/// </summary>
public sealed class CliProgress : IDisposable
{
    private readonly ProgressBar? _bar;
    private readonly TextWriter _lines;
    private readonly long _every;
    private long _lastLine = -1;

    private CliProgress(ProgressBar? bar, TextWriter lines, long every) => (_bar, _lines, _every) = (bar, lines, every);

    /// <summary>
    /// A bar titled <paramref name="title"/> when the context is a terminal and <paramref name="allowBar"/>, else lines to
    /// <paramref name="lines"/> (the context's output unless given), one each time the work done crosses a multiple of
    /// <paramref name="every"/> (1: every report) and at the end.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The bar is owned by the CliProgress returned, which disposes it.")]
    public static CliProgress Start(CliContext context, string title, long total, long every, TextWriter? lines = null, bool allowBar = true) =>
        new(context.Terminal && allowBar
            ? new ProgressBar(Ticks(Math.Max(1, total)), title, new ProgressBarOptions { ProgressCharacter = '─', DisplayTimeInRealTime = false })
            : null, lines ?? context.Output, Math.Max(1, every));

    /// <summary>Done so far out of a total that may grow (a file's records become known as it is parsed).</summary>
    public void Report(long done, long total, string message)
    {
        if (_bar is not null)
        {
            _bar.MaxTicks = Ticks(Math.Max(1, total));
            _bar.Tick(Ticks(done), message);
            return;
        }
        if (done / _every != _lastLine / _every || done >= total && _lastLine < total)
        {
            _lastLine = done;
            _lines.WriteLine(message);
        }
    }

    public void Dispose() => _bar?.Dispose();

    private static int Ticks(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
