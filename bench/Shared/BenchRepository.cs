namespace NeedsMap.Bench;

/// <summary>The repository a benchmark was built from, wherever it is run: its reports go to <c>bench/results</c>.</summary>
internal static class BenchRepository
{
    public static string Root { get; } = Find();

    public static string Results(string file) => Path.Combine(Root, "bench", "results", file);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeedsMap.Graph.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from a build inside the repository.");
    }
}
