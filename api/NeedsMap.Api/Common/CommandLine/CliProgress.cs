using ShellProgressBar;

namespace NeedsMap.Api.Common.CommandLine;

/// <summary>
/// The one way a long command shows progress: a ShellProgressBar on a terminal (gone before the summary line); in a pipe,
/// a log or a test a line per step, or per <c>every</c> units of work, so a run that is followed by <c>tail -f</c> or
/// a CI log still shows where it is without thousands of bar frames.
/// </summary>
public sealed class CliProgress : IDisposable
{
    private readonly ProgressBar? bar;
    private readonly TextWriter lines;
    private readonly long every;
    private long lastLine = -1;

    private CliProgress(ProgressBar? bar, TextWriter lines, long every) => (this.bar, this.lines, this.every) = (bar, lines, every);

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
        if (bar is not null)
        {
            bar.MaxTicks = Ticks(Math.Max(1, total));
            bar.Tick(Ticks(done), message);
            return;
        }
        if (done / every != lastLine / every || done >= total && lastLine < total)
        {
            lastLine = done;
            lines.WriteLine(message);
        }
    }

    public void Dispose() => bar?.Dispose();

    private static int Ticks(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
