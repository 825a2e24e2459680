using System.Text.RegularExpressions;
using NeedsMap.Api.Tests.Graph;

namespace NeedsMap.Api.Tests.Architecture;

/// <summary>
/// The architecture page and the README name source files in backticks (<c>`Graph/IRootFields.cs`</c>); a folder move must
/// not leave them pointing at nothing. A path is found when some file of the repository ends with it (the flows write a
/// file's folder once, then its neighbours by name).
/// </summary>
public sealed partial class DocumentedPathTests
{
    [Theory]
    [InlineData("docs/architecture.md")]
    [InlineData("README.md")]
    public void Every_source_file_the_page_names_exists(string page)
    {
        var root = SchemaTests.RepositoryRoot();
        var files = new[] { "api", "sdk", "plugins", "tests", "bench" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Select(file => "/" + Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        var named = CsPath().Matches(File.ReadAllText(Path.Combine(root, page))).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(named);
        var missing = named.Where(path => !files.Any(file => file.EndsWith("/" + path, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{page} names files that do not exist: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"`([\w./-]+\.cs)`")]
    private static partial Regex CsPath();
}
