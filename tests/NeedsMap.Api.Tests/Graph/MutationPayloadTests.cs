using System.Globalization;
using System.Text.Json.Nodes;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// Mutation conventions: a business refusal comes back as a typed error in the payload (data null, no GraphQL error), one
/// real mutation per error type, through the real token path; a malformed request and a role that may not use the
/// mutation still get GraphQL errors with their codes.
/// </summary>
public sealed class MutationPayloadTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string Refusal = "errors { __typename ... on Error { code message } }";

    private static readonly object Square = new
    {
        type = "Polygon", coordinates = new[] { new[] { new[] { 120.07, 29.30 }, new[] { 120.08, 29.30 }, new[] { 120.08, 29.31 }, new[] { 120.07, 29.31 }, new[] { 120.07, 29.30 } } },
    };

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE whistles, whistle_departments, whistle_needs, whistle_history, consultations, scenes RESTART IDENTITY CASCADE");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    /// <summary>Runs one mutation that must be refused in its payload: returns the refusal after checking the shape.</summary>
    private async Task<JsonNode> RefusedAsync(string field, string resultField, string query, object variables, string? token = null)
    {
        var body = await host.GraphQLAsync(query, variables, token: token ?? Admin);
        Assert.True(body["errors"] is null, body.ToJsonString());
        var payload = body["data"]![field]!;
        Assert.Null(payload[resultField]);
        return Assert.Single(payload["errors"]!.AsArray())!;
    }

    private Task<JsonNode> OkAsync(string query, object variables) => host.GraphQLDataAsync(query, variables, Admin);

    private async Task<string> WhistleAsync()
    {
        var need = await TestNeeds.AddAsync(host, "工地半夜打桩", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        var data = await OkAsync($"mutation($input: BlowWhistleInput!) {{ blowWhistle(input: $input) {{ whistle {{ id }} {Refusal} }} }}", new
        {
            input = new
            {
                blownBy = TestNeeds.Jimingshan, departmentCodes = new[] { "enforcement" },
                needIds = new[] { GlobalId.Encode("Need", need.Id.ToString(CultureInfo.InvariantCulture)) }
            },
        });
        return data["blowWhistle"]!["whistle"]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task An_unknown_scene_is_a_NotFoundError_in_the_payload()
    {
        var error = await RefusedAsync("evaluateScene", "effect",
            $"mutation($id: ID!) {{ evaluateScene(input: {{ id: $id }}) {{ effect {{ verdict }} {Refusal} }} }}", new { id = GlobalId.Encode("Scene", "999") });
        Assert.Equal(("NotFoundError", "NOT_FOUND"), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_category_is_a_ValidationError_with_its_exact_code_and_nothing_is_written()
    {
        var error = await RefusedAsync("createScene", "scene", $"mutation($input: CreateSceneInput!) {{ createScene(input: $input) {{ scene {{ id }} {Refusal} }} }}",
            new { input = new { name = "传感器", area = Square, categoryCodes = new[] { "no.such" } } });
        Assert.Equal(("ValidationError", "UNKNOWN_CATEGORY"), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        var scenes = await host.GraphQLAsync("{ scenes { id } }", token: Admin);
        Assert.Empty(scenes["data"]!["scenes"]!.AsArray());
    }

    [Fact]
    public async Task Rating_a_whistle_that_is_not_resolved_is_an_InvalidStateError()
    {
        var whistle = await WhistleAsync();
        var error = await RefusedAsync("rateWhistle", "whistle",
            $"mutation($input: RateWhistleInput!) {{ rateWhistle(input: $input) {{ whistle {{ id status }} {Refusal} }} }}", new { input = new { id = whistle, rating = 5 } });
        Assert.Equal(("InvalidStateError", "ILLEGAL_TRANSITION"), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_second_vote_is_a_ConflictError()
    {
        var consultation = (await OkAsync($"mutation($input: StartConsultationInput!) {{ startConsultation(input: $input) {{ consultation {{ id }} {Refusal} }} }}",
            new { input = new { title = "鸡鸣山夜间施工", jurisdictionCode = TestNeeds.Jimingshan } }))["startConsultation"]!["consultation"]!["id"]!.GetValue<string>();
        var participant = (await OkAsync($"mutation($input: JoinConsultationInput!) {{ joinConsultation(input: $input) {{ participant {{ id }} {Refusal} }} }}",
            new { input = new { consultationId = consultation, name = "张阿姨", role = "RESIDENT" } }))["joinConsultation"]!["participant"]!["id"]!.GetValue<string>();
        var proposal = (await OkAsync($"mutation($input: ProposeInput!) {{ propose(input: $input) {{ proposal {{ id }} {Refusal} }} }}",
            new { input = new { consultationId = consultation, participantId = participant, text = "装噪声传感器" } }))["propose"]!["proposal"]!["id"]!.GetValue<string>();
        var support = $"mutation($input: SupportProposalInput!) {{ supportProposal(input: $input) {{ proposal {{ supportCount }} {Refusal} }} }}";
        var vote = new { input = new { proposalId = proposal, participantId = participant } };
        Assert.Equal(1, (await OkAsync(support, vote))["supportProposal"]!["proposal"]!["supportCount"]!.GetValue<int>());
        var error = await RefusedAsync("supportProposal", "proposal", support, vote);
        Assert.Equal(("ConflictError", "ALREADY_VOTED"), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Staff_acting_for_another_department_get_an_OutOfScopeError()
    {
        var whistle = await WhistleAsync();
        var error = await RefusedAsync("acknowledgeWhistle", "whistle",
            $"mutation($input: WhistleActionInput!) {{ acknowledgeWhistle(input: $input) {{ whistle {{ id }} {Refusal} }} }}",
            new { input = new { id = whistle, departmentCode = "housing" } }, host.Token(RoleRights.DepartmentStaff, subject: "e", department: "enforcement"));
        Assert.Equal(("OutOfScopeError", "FORBIDDEN"), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_malformed_input_and_a_role_that_may_not_use_the_mutation_still_get_GraphQL_errors_with_codes()
    {
        var query = $"mutation($input: CreateSceneInput!) {{ createScene(input: $input) {{ scene {{ id }} {Refusal} }} }}";
        var input = new { input = new { name = "传感器", area = Square, categoryCodes = new[] { "noise" } } };
        var (status, malformed, _) = await host.PostAsync("mutation { createScene(input: { name: 5 }) { scene { id } errors { code } } }", token: Admin);
        Assert.Equal(400, status);
        Assert.Null(malformed!["data"]);
        Assert.False(string.IsNullOrEmpty(malformed["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>()), malformed.ToJsonString());
        var anonymous = await host.GraphQLAsync(query, input);
        Assert.Equal("AUTH_REQUIRED", anonymous["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Null(anonymous["data"]);
        var resident = await host.GraphQLAsync(query, input, token: host.Token(RoleRights.Resident, TestNeeds.Jimingshan));
        Assert.Equal("FORBIDDEN", resident["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Null(resident["data"]);
    }
}
