using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Security;

/// <summary>Department staff act and read for the department in their token only; anything else is refused and writes nothing.</summary>
public sealed class DepartmentScopeTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string Act = "mutation($input: WhistleActionInput!) { acknowledgeWhistle(input: $input) { whistle { id departments { department { code } acknowledgedAt } } errors { __typename ... on Error { code message } } } }";
    private string _whistleId = "";

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE whistles, whistle_departments, whistle_needs, whistle_history RESTART IDENTITY CASCADE");
        var need = await TestNeeds.AddAsync(host, "工地半夜打桩", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        var blown = await host.GraphQLAsync("mutation($input: BlowWhistleInput!) { blowWhistle(input: $input) { whistle { id } errors { __typename ... on Error { code message } } } }", new
        {
            input = new
            {
                blownBy = TestNeeds.Jimingshan, departmentCodes = new[] { "enforcement", "housing" },
                needIds = new[] { NeedsMap.Api.Graph.Relay.GlobalId.Encode("Need", need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            },
        }, token: host.Token(RoleRights.CityAdmin));
        Assert.Null(blown["errors"]);
        _whistleId = blown["data"]!["blowWhistle"]!["whistle"]!["id"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Staff(string? department) => host.Token(RoleRights.DepartmentStaff, subject: "staff-" + department, department: department);

    private async Task<long> HistoryAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM whistle_history", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string? Code(JsonObject body) => Payloads.Code(body);

    [Fact]
    public async Task Staff_act_for_their_own_department_only()
    {
        var before = await HistoryAsync();
        var forOther = await host.GraphQLAsync(Act, new { input = new { id = _whistleId, departmentCode = "housing" } }, token: Staff("enforcement"));
        Assert.Equal("FORBIDDEN", Code(forOther));
        // The role may act on whistles, only not for this department: a typed refusal in the payload, not a GraphQL error.
        Assert.Null(forOther["errors"]);
        Assert.Equal("OutOfScopeError", forOther["data"]!["acknowledgeWhistle"]!["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.Null(forOther["data"]!["acknowledgeWhistle"]!["whistle"]);
        Assert.Equal(before, await HistoryAsync());

        var uncalled = await host.GraphQLAsync(Act, new { input = new { id = _whistleId, departmentCode = "education" } }, token: Staff("education"));
        Assert.Equal("NOT_FOUND", Code(uncalled));
        var noClaim = await host.GraphQLAsync(Act, new { input = new { id = _whistleId, departmentCode = "enforcement" } }, token: Staff(null));
        Assert.Equal("FORBIDDEN", Code(noClaim));
        Assert.Equal(before, await HistoryAsync());

        var own = await host.GraphQLAsync(Act, new { input = new { id = _whistleId, departmentCode = "enforcement" } }, token: Staff("enforcement"));
        Assert.Null(own["errors"]);
        Payloads.AssertNoRefusals(own["data"]);
        Assert.Equal(before + 1, await HistoryAsync());
        var departments = own["data"]!["acknowledgeWhistle"]!["whistle"]!["departments"]!.AsArray();
        Assert.Null(departments.Single(d => d!["department"]!["code"]!.GetValue<string>() == "housing")!["acknowledgedAt"]);
    }

    [Fact]
    public async Task Staff_read_their_own_departments_whistles_only()
    {
        // One root field per request: two EF readers in one query share the request's DbContext (see the report).
        async Task<JsonObject> ReadAsync(string query, string token)
        {
            var body = await host.GraphQLAsync(query, token: token);
            Assert.True(body["errors"] is null, body.ToJsonString());
            return body["data"]!.AsObject();
        }
        var one = $$"""{ whistle(id: "{{_whistleId}}") { id } }""";
        const string all = "{ whistles { id } }";
        Assert.Equal(_whistleId, (await ReadAsync(one, Staff("housing")))["whistle"]?["id"]?.GetValue<string>());
        Assert.Single((await ReadAsync(all, Staff("housing")))["whistles"]!.AsArray());

        Assert.Null((await ReadAsync(one, Staff("education")))["whistle"]);
        Assert.Empty((await ReadAsync(all, Staff("education")))["whistles"]!.AsArray());
        var named = await host.GraphQLAsync("""{ whistles(departmentCode: "housing") { id } }""", token: Staff("education"));
        Assert.Equal("FORBIDDEN", Code(named));

        var foreignStreet = host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng);
        Assert.Null((await ReadAsync(one, foreignStreet))["whistle"]);
        Assert.Empty((await ReadAsync(all, foreignStreet))["whistles"]!.AsArray());
        Assert.NotNull((await ReadAsync(one, host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong)))["whistle"]);
    }
}
