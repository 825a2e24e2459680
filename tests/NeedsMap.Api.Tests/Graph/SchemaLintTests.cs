using NeedsMap.Graph.Transport.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// npm's graphql-schema-linter over schema.graphql (which SchemaTests keeps equal to the schema the code builds), with the
/// rules in tests/js/.graphql-schema-linterrc.yml: descriptions everywhere, Relay connections, naming. Zero findings.
/// </summary>
public sealed class SchemaLintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_schema_linter_finds_nothing_in_schema_graphql()
    {
        var run = await NodeScripts.RunAsync("node_modules/graphql-schema-linter/lib/cli.js", ["--format", "compact", "--config-directory", "."],
            TimeSpan.FromMinutes(2));
        output.WriteLine(run.StandardOutput);
        Assert.True(run.ExitCode == 0, $"graphql-schema-linter exited {run.ExitCode}:\n{run.StandardOutput}\n{run.StandardError}");
    }
}
