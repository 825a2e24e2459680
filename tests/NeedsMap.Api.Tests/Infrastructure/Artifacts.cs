using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>
/// Numbers a suite measures (the fuzz suite's size and result, the flood's latencies), kept in .data/artifacts/ after the run
/// whether the test passed or not, since a passing test's output is not shown.
/// </summary>
internal static class Artifacts
{
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(
        NeedsMap.Graph.Transport.Tests.Infrastructure.NodeScripts.Directory, "..", "..", ".data", "artifacts"));

    public static void Write(string name, Recorder recorder)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllLines(Path.Combine(Directory, name), [$"written {DateTimeOffset.Now:u}", .. recorder.Lines]);
    }

    /// <summary>An <see cref="ITestOutputHelper"/> that also remembers what it was told.</summary>
    public sealed class Recorder(ITestOutputHelper inner) : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string message)
        {
            Lines.Add(message);
            inner.WriteLine(message);
        }

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
