using System.Text.Json;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Transport;

/// <summary>npm's graphql-http server audit against the real NeedsMap schema and endpoint.</summary>
public sealed class GraphQLHttpAuditTests(KestrelHost host, ITestOutputHelper output) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task Every_must_and_should_of_the_graphql_over_http_audit_passes()
    {
        var run = await NodeScripts.RunAsync("audit.mjs", [host.HttpUrl.ToString()], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"audit.mjs exited {run.ExitCode}:\n{run.StandardError}");
        var results = JsonSerializer.Deserialize<AuditResult[]>(run.StandardOutput, JsonSerializerOptions.Web)!;
        var tallies = results.GroupBy(r => (Level: r.Name.Split(' ')[0], r.Status))
            .OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Status)
            .Select(g => $"{g.Key.Level} {g.Key.Status}: {g.Count()}");
        output.WriteLine($"graphql-http audit, {results.Length} checks: {string.Join(", ", tallies)}");
        var failures = results.Where(r => r.Status != "ok" && (r.Name.StartsWith("MUST", StringComparison.Ordinal) || r.Name.StartsWith("SHOULD", StringComparison.Ordinal)))
            .Select(r => $"{r.Id} {r.Name} [{r.Status}]: {r.Reason}").ToList();
        Assert.True(results.Count(r => r.Name.StartsWith("MUST", StringComparison.Ordinal)) >= 10, "The MUST audits did not run.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private sealed record AuditResult(string Id, string Name, string Status, string? Reason);
}
