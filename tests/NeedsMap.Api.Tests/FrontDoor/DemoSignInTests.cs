using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using NeedsMap.Api.Demo;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>Demo personas sign in through the real token path, and meet exactly what their role meets.</summary>
public sealed class DemoSignInTests(FrontDoorHost host) : IClassFixture<FrontDoorHost>
{
    [Fact]
    public async Task Personas_are_the_seven_of_the_contract_with_their_places()
    {
        var (status, body, _) = await host.GetAsync("/demo/personas");
        Assert.Equal(200, status);
        var personas = JsonNode.Parse(body)!.AsArray();
        Assert.Equal(["public", "resident", "community_worker", "street_officer", "department_staff", "deputy", "city_admin"],
            personas.Select(p => p!["id"]!.GetValue<string>()));
        var byId = personas.ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!);
        Assert.Equal(("公众", "The public", "public"), (byId["public"]["label"]!.GetValue<string>(), byId["public"]["labelEn"]!.GetValue<string>(),
            byId["public"]["role"]!.GetValue<string>()));
        Assert.Equal(TestNeeds.Jimingshan, byId["resident"]["jurisdiction"]!.GetValue<string>());
        Assert.Equal(TestNeeds.Jimingshan, byId["community_worker"]["jurisdiction"]!.GetValue<string>());
        Assert.Equal(TestNeeds.Jiangdong, byId["street_officer"]["jurisdiction"]!.GetValue<string>());
        Assert.Equal("environment", byId["department_staff"]["department"]!.GetValue<string>());
        Assert.Null(byId["public"]["jurisdiction"]);
    }

    [Theory]
    [InlineData("resident", RoleRights.Resident)]
    [InlineData("community_worker", RoleRights.CommunityWorker)]
    [InlineData("street_officer", RoleRights.StreetOfficer)]
    [InlineData("department_staff", RoleRights.DepartmentStaff)]
    [InlineData("deputy", RoleRights.Deputy)]
    [InlineData("city_admin", RoleRights.CityAdmin)]
    public async Task A_persona_gets_an_HS256_token_of_its_role_signed_with_the_servers_key(string persona, string role)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/demo/sign-in", new { persona });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = body["token"]!.GetValue<string>();
        var principal = await new TokenIssuer(new AuthSettings { SigningKey = NeedsMapHost.TestSigningKey }).ValidateAsync(token);
        Assert.NotNull(principal);
        var jwt = new JsonWebToken(token);
        var expected = DemoPersonas.Find(persona)!;
        Assert.Equal(("HS256", role, expected.Subject), (jwt.Alg, jwt.GetClaim("role").Value, jwt.Subject));
        Assert.Equal(expected.Jurisdiction, jwt.TryGetClaim("jurisdiction", out var j) ? j.Value : null);
        Assert.Equal(expected.Department, jwt.TryGetClaim("department", out var d) ? d.Value : null);
        Assert.True(DateTimeOffset.Parse(body["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddHours(7));
        Assert.Equal(persona, body["persona"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_persona_meets_the_rules_of_its_role()
    {
        // The administrator may list plugins; nobody else may. Records need a token; a resident sees only their own needs.
        foreach (var persona in DemoPersonas.All)
        {
            var token = await host.SignInAsync(persona.Id);
            Assert.Equal(persona.Role == RoleRights.Public, token is null);
            var (pluginsStatus, _, _) = await host.PostAsync("{ channelPlugins { name } }", token: token);
            var (needsStatus, needs, _) = await host.PostAsync("{ needs(first: 1) { totalCount } }", token: token);
            Assert.Equal(persona.Role == RoleRights.CityAdmin ? 200 : token is null ? 401 : 403, pluginsStatus);
            Assert.Equal(token is null ? 401 : 200, needsStatus);
            if (token is null)
            {
                Assert.Equal("AUTH_REQUIRED", needs!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task The_public_persona_gets_no_token()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/demo/sign-in", new { persona = "public" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body["token"]);
        Assert.Equal("public", body["persona"]!["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"persona":"mayor"}""", "UNKNOWN_PERSONA")]
    [InlineData("""{"persona":42}""", "UNKNOWN_PERSONA")]
    [InlineData("""{}""", "UNKNOWN_PERSONA")]
    [InlineData("""not json""", "INVALID_INPUT")]
    public async Task A_bad_sign_in_is_400_with_a_code(string json, string code)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync("/demo/sign-in", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Map_config_says_demo_mode_is_on()
    {
        var (status, body, _) = await host.GetAsync("/map/config.json");
        Assert.Equal(200, status);
        Assert.True(JsonNode.Parse(body)!["demo"]!.GetValue<bool>());
    }
}

/// <summary>Outside demo mode (the default) the demo routes do not exist for any caller.</summary>
public sealed class DemoOffTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    [Fact]
    public async Task Demo_routes_answer_404_with_a_json_body_and_config_says_no_demo()
    {
        using var client = host.CreateClient();
        using var personas = await client.GetAsync("/demo/personas");
        using var signIn = await client.PostAsJsonAsync("/demo/sign-in", new { persona = "city_admin" });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (personas.StatusCode, signIn.StatusCode));
        Assert.Equal("NOT_FOUND", JsonNode.Parse(await signIn.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        var config = JsonNode.Parse(await client.GetStringAsync("/map/config.json"))!;
        Assert.False(config["demo"]!.GetValue<bool>());
    }
}
