using System.Text.Json;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeedsMap.Graph.Transport.Tests.Protocol;

public sealed class GraphQLHttpAuditTests(SharedServerFixture fixture, ITestOutputHelper output) : IClassFixture<SharedServerFixture>
{
    [Fact]
    public async Task Every_graphql_http_server_audit_passes()
    {
        var run = await NodeScripts.RunAsync("audit.mjs", [fixture.Server.HttpUrl.ToString()], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"audit.mjs exited {run.ExitCode}:\n{run.StandardError}");

        var results = JsonSerializer.Deserialize<AuditResult[]>(run.StandardOutput, JsonSerializerOptions.Web)!;
        var tallies = results
            .GroupBy(r => (Level: r.Name.Split(' ')[0], r.Status))
            .OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Status)
            .Select(g => $"{g.Key.Level} {g.Key.Status}: {g.Count()}");
        output.WriteLine($"graphql-http audit, {results.Length} checks: {string.Join(", ", tallies)}");

        var failures = results.Where(r => r.Status != "ok").Select(r => $"{r.Id} {r.Name} [{r.Status}]: {r.Reason}").ToList();
        Assert.True(results.Length > 50, $"Only {results.Length} audits ran.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private sealed record AuditResult(string Id, string Name, string Status, string? Reason);
}
