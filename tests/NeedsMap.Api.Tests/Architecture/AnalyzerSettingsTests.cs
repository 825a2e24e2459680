using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NeedsMap.Api.Tests.Architecture;

/// <summary>
/// Issue #20 item 5: the analyzers stay on. The build catches a rule that fires, but not a rule switched off again in a
/// NoWarn list or silenced in .editorconfig without a reason; these tests do.
/// </summary>
public sealed partial class AnalyzerSettingsTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void No_project_file_silences_an_analyzer_rule_in_NoWarn()
    {
        var offenders = ProjectFiles()
            .SelectMany(file => XDocument.Load(file).Descendants("NoWarn")
                .SelectMany(noWarn => noWarn.Value.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Where(code => AnalyzerRule().IsMatch(code))
                .Select(code => $"{Path.GetRelativePath(Root, file)}: {code}"))
            .ToList();
        Assert.True(offenders.Count == 0, "Silence a rule in .editorconfig with its reason instead: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Warnings_are_errors_and_the_code_style_is_enforced_in_the_build()
    {
        var properties = XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("PropertyGroup").Elements().ToList();
        Assert.Equal("true", properties.Single(p => p.Name == "TreatWarningsAsErrors").Value);
        Assert.Equal("true", properties.Single(p => p.Name == "EnforceCodeStyleInBuild").Value);
        Assert.Equal("latest-recommended", properties.Single(p => p.Name == "AnalysisLevel").Value);
        // Without the documentation file the unused-usings rule (IDE0005) does not run in the build, and broken crefs pass.
        Assert.Equal("true", properties.Single(p => p.Name == "GenerateDocumentationFile").Value);
    }

    /// <summary>One layout and one naming in every project: formatting (IDE0055), naming (IDE1006) and unused usings (IDE0005) fail the build.</summary>
    [Fact]
    public void Formatting_and_naming_are_build_errors_for_every_project()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, ".editorconfig"));
        var forCs = lines.SkipWhile(l => l.Trim() != "[*.cs]").Skip(1).TakeWhile(l => !l.TrimStart().StartsWith('[')).ToList();
        Assert.Contains("dotnet_diagnostic.IDE0055.severity = warning", forCs);
        Assert.Contains("dotnet_diagnostic.IDE1006.severity = warning", forCs);
        Assert.Contains("dotnet_diagnostic.IDE0005.severity = warning", forCs);
        foreach (var rule in new[] { "constants_pascal", "static_readonly_pascal", "private_fields_underscore", "async_methods_end_in_async" })
        {
            Assert.Contains($"dotnet_naming_rule.{rule}.severity = warning", forCs);
        }
        // No later section may lower them again for part of the tree.
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^\s*dotnet_diagnostic\.IDE(0055|1006|0005)\.severity\s*=\s*(none|silent|suggestion)"));
    }

    [Fact]
    public void Every_rule_lowered_in_editorconfig_says_why_on_the_comment_above_it()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, ".editorconfig"));
        var unexplained = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!Lowered().IsMatch(lines[i]))
            {
                continue;
            }
            // A block of severities shares the comment above its first line.
            var above = i - 1;
            while (above >= 0 && Severity().IsMatch(lines[above]))
            {
                above--;
            }
            if (above < 0 || !lines[above].TrimStart().StartsWith('#'))
            {
                unexplained.Add($"line {i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
    }

    private static IEnumerable<string> ProjectFiles()
    {
        // Walked by hand to stay out of build output, npm packages and the private database cluster (.data).
        var pending = new Stack<string>([Root]);
        while (pending.TryPop(out var dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir).Where(f => f.EndsWith("proj", StringComparison.Ordinal)
                || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal)))
            {
                yield return file;
            }
            foreach (var sub in Directory.EnumerateDirectories(dir)
                .Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "node_modules" or ".data" or ".git")))
            {
                pending.Push(sub);
            }
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeedsMap.Graph.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    [GeneratedRegex(@"^(CA|IDE)\d{4}$", RegexOptions.IgnoreCase)]
    private static partial Regex AnalyzerRule();

    [GeneratedRegex(@"^\s*dotnet_diagnostic\.\w+\.severity\s*=")]
    private static partial Regex Severity();

    [GeneratedRegex(@"^\s*dotnet_diagnostic\.(CA|IDE)\d{4}\.severity\s*=\s*(none|silent|suggestion)\s*$")]
    private static partial Regex Lowered();
}
