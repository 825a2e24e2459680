using System.Text.RegularExpressions;

namespace NeedsMap.Api.Tests.Fuzz;

/// <summary>
/// The codes a client may meet, read from the one place they are documented: the README's error table (every code written in
/// backticks in the first column of its rows). The fuzz suite accepts no other, and a test holds the server's constants to it.
/// </summary>
internal static partial class DocumentedCodes
{
    private static readonly Lazy<IReadOnlySet<string>> Codes = new(Read);

    public static IReadOnlySet<string> All => Codes.Value;

    private static IReadOnlySet<string> Read()
    {
        var readme = File.ReadAllText(Path.Combine(Graph.SchemaTests.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n### Error codes", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '### Error codes' section.");
        var end = readme.IndexOf("\n#", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var firstCell = line.Split('|', StringSplitOptions.RemoveEmptyEntries)[0];
            foreach (Match match in Code().Matches(firstCell))
            {
                codes.Add(match.Groups[1].Value);
            }
        }
        Assert.True(codes.Count > 20, $"Only {codes.Count} codes found in README.md's error table.");
        return codes;
    }

    [GeneratedRegex("`([A-Z][A-Z0-9_]*)`")]
    private static partial Regex Code();
}
