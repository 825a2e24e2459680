using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>The API trusting the test's identity provider beside its own HS256 key, with the provider's claim names.</summary>
public sealed class OidcHost : FrontDoorHost
{
    public OidcProvider Provider { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Auth:Oidc:Authority", Provider.Issuer);
        builder.UseSetting("NeedsMap:Auth:Oidc:Audience", OidcProvider.Audience);
        builder.UseSetting("NeedsMap:Auth:Oidc:RequireHttpsMetadata", "false");
        builder.UseSetting("NeedsMap:Auth:Oidc:RefreshInterval", "00:00:00");
        builder.UseSetting("NeedsMap:Auth:Oidc:RoleClaim", "roles");
        builder.UseSetting("NeedsMap:Auth:Oidc:JurisdictionClaim", "org_unit");
        builder.UseSetting("NeedsMap:Auth:Oidc:DepartmentClaim", "dept");
    }

    protected override void OnDisposed() => Provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>Sign-in through the city's identity provider: RS256 and ES256, key rotation, issuer and audience checked.</summary>
public sealed class OidcTests(OidcHost host) : IClassFixture<OidcHost>, IAsyncLifetime
{
    private OidcProvider Provider => host.Provider;

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await TestNeeds.AddAsync(host, "江东工地夜间施工", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        await TestNeeds.AddAsync(host, "稠城路灯坏了", "noise", TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string? Code(JsonObject? body) => body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    [Fact]
    public async Task An_RS256_token_is_accepted_and_its_claims_give_the_role_and_the_place()
    {
        // "roles" holds several values; the first that is a platform role counts. org_unit is the jurisdiction.
        var token = Provider.Issue(Provider.Rsa, "officer-li", ["staff", RoleRights.StreetOfficer], orgUnit: TestNeeds.Jiangdong);
        var (status, body, _) = await host.PostAsync("{ needs(first: 10) { totalCount edges { node { jurisdiction { code } } } } }", token: token);
        Assert.Equal(200, status);
        Assert.Equal(1, body!["data"]!["needs"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(TestNeeds.Jimingshan, body["data"]!["needs"]!["edges"]![0]!["node"]!["jurisdiction"]!["code"]!.GetValue<string>());
        // The same role through the platform's own HS256 key sees the same.
        var (_, local, _) = await host.PostAsync("{ needs(first: 10) { totalCount } }", token: host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong));
        Assert.Equal(1, local!["data"]!["needs"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_ES256_token_is_accepted_with_its_role()
    {
        var admin = Provider.Issue(Provider.Ec, "admin-wang", [RoleRights.CityAdmin]);
        var deputy = Provider.Issue(Provider.Ec, "deputy-zhou", [RoleRights.Deputy], orgUnit: TestNeeds.Jiangdong);
        var (adminStatus, _, _) = await host.PostAsync("{ channelPlugins { name } }", token: admin);
        var (deputyStatus, deputyBody, _) = await host.PostAsync("{ channelPlugins { name } }", token: deputy);
        Assert.Equal((200, 403, "FORBIDDEN"), (adminStatus, deputyStatus, Code(deputyBody)));
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_and_the_first_token_it_signs_is_accepted()
    {
        var before = Provider.Issue(Provider.Rsa, "clerk", [RoleRights.CityAdmin]);
        Assert.Equal(200, (await host.PostAsync("{ channels { code } }", token: before)).Status);
        var fetches = Provider.JwksFetches;
        var (oldRsa, _) = Provider.Rotate();
        foreach (var key in new[] { Provider.Rsa, Provider.Ec })
        {
            var (status, body, _) = await host.PostAsync("{ channels { code } }", token: Provider.Issue(key, "clerk", [RoleRights.CityAdmin]));
            Assert.True(status == 200, body?.ToJsonString());
        }
        Assert.True(Provider.JwksFetches > fetches, "The rotated keys were not fetched.");
        // The key the provider withdrew signs nothing any more.
        var (withdrawn, withdrawnBody, _) = await host.PostAsync("{ channels { code } }", token: Provider.Issue(oldRsa, "clerk", [RoleRights.CityAdmin]));
        Assert.Equal((401, "UNAUTHENTICATED"), (withdrawn, Code(withdrawnBody)));
    }

    [Fact]
    public async Task Tokens_of_another_issuer_or_audience_expired_or_signed_by_an_unpublished_key_are_401()
    {
        var cases = new (string Name, string Token)[]
        {
            ("another issuer", Provider.Issue(Provider.Rsa, "x", [RoleRights.CityAdmin], issuer: "https://impostor.example")),
            ("another audience", Provider.Issue(Provider.Rsa, "x", [RoleRights.CityAdmin], audience: "another-api")),
            ("expired", Provider.Issue(Provider.Ec, "x", [RoleRights.CityAdmin], lifetime: TimeSpan.FromMinutes(-10))),
            ("an unpublished key", Provider.Issue(SigningKey.NewRsa(), "x", [RoleRights.CityAdmin])),
            ("an unpublished EC key", Provider.Issue(SigningKey.NewEc(), "x", [RoleRights.CityAdmin])),
        };
        foreach (var (name, token) in cases)
        {
            var (status, body, response) = await host.PostAsync("{ channels { code } }", token: token);
            Assert.True(status == 401 && Code(body) == "UNAUTHENTICATED", $"{name}: {status} {body?.ToJsonString()}");
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_socket_signs_in_with_a_provider_token_and_a_forged_one_is_closed_4403()
    {
        await using (var ws = await WsClient.ConnectAsync(host.WebSocketUrl,
            new { authorization = "Bearer " + Provider.Issue(Provider.Rsa, "w", [RoleRights.CommunityWorker], orgUnit: TestNeeds.Jimingshan) }))
        {
            Assert.Equal("connection_ack", (await ws.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.GetValue<string>());
        }
        await using (var ws = await WsClient.ConnectAsync(host.WebSocketUrl,
            new { token = Provider.Issue(Provider.Rsa, "w", [RoleRights.CityAdmin], issuer: "https://impostor.example") }))
        {
            Assert.Null(await ws.ReceiveAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(4403, (int?)ws.CloseStatus);
        }
    }
}
