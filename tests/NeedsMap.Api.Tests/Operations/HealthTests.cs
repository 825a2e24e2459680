using System.Net;
using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Failures;

namespace NeedsMap.Api.Tests.Operations;

/// <summary>The server reaches PostgreSQL through a relay (<see cref="OutageHost"/>), so a test can take the database away from it alone.</summary>
public sealed class HealthTests(OutageHost host) : IClassFixture<OutageHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ready_names_each_check_once_the_server_has_started()
    {
        var ready = await WaitForAsync("/health/ready", HttpStatusCode.OK);
        var checks = ready["checks"]!.AsObject();
        Assert.Equal(["database", "draining", "listen", "migrations", "plugins", "rollup_backlog"], checks.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(checks, c => Assert.Equal("ok", c.Value!["status"]!.GetValue<string>()));
        Assert.Equal("ok", ready["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ready_turns_unready_when_PostgreSQL_stops_and_ready_again_when_it_returns()
    {
        await WaitForAsync("/health/ready", HttpStatusCode.OK);
        try
        {
            host.Proxy.Stop();
            var down = await WaitForAsync("/health/ready", HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unavailable", down["status"]!.GetValue<string>());
            Assert.Equal("unavailable", down["checks"]!["database"]!["status"]!.GetValue<string>());
            // The process itself is fine: a liveness probe must not get it restarted for the database's sake.
            using var client = host.CreateClient();
            using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            host.Proxy.Start();
        }
        var back = await WaitForAsync("/health/ready", HttpStatusCode.OK);
        Assert.Equal("ok", back["checks"]!["listen"]!["status"]!.GetValue<string>());
    }

    private async Task<JsonNode> WaitForAsync(string path, HttpStatusCode wanted)
    {
        using var client = host.CreateClient();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (response.StatusCode == wanted)
            {
                return body;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{path} still answers {(int)response.StatusCode} {body.ToJsonString()}, waiting for {(int)wanted}");
            await Task.Delay(200);
        }
    }
}
