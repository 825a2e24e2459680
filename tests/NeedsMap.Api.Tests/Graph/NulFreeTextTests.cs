using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// U+0000 in any string a GraphQL request carries — a literal or a variable, at the top or deep inside an input
/// object or a list — is refused by one validation rule with INVALID_INPUT before a resolver or the database sees it
/// (PostgreSQL text cannot hold it). The same requests without the NUL are answered.
/// </summary>
public sealed class NulFreeTextTests(SecuredKestrelHost host) : IClassFixture<SecuredKestrelHost>
{
    private const string Filtered = "query($w: NeedFilter) { needs(where: $w) { totalCount } }";

    public static TheoryData<string, string, string?> Requests() => new()
    {
        // name, query, variables as JSON (the NUL written as the JSON escape); "{nul}" marks where the NUL goes.
        { "literal deep in a filter", "{ needs(where: { not: { or: [{ textContains: \"路灯{nul}\" }] } }) { totalCount } }", null },
        { "variable deep in a filter", Filtered, "{\"w\":{\"and\":[{\"not\":{\"textContains\":\"a{nul}b\"}}]}}" },
        { "variable in a list of codes", Filtered, "{\"w\":{\"jurisdictionIn\":[\"330782\",\"x{nul}\"]}}" },
        { "a code looked up", "query($c: String) { serviceList(categoryCode: $c) { id } }", "{\"c\":\"noise{nul}\"}" },
        { "a literal code looked up", "{ areaTrend(areaCode: \"XQ{nul}\", interval: MONTH) { count } }", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_NUL_anywhere_in_text_is_refused_before_anything_runs_and_the_same_request_without_it_is_answered(string name, string query,
        string? variables)
    {
        var refused = await SendAsync(query, variables, "\\u0000");
        var error = Assert.Single(refused["errors"]!.AsArray())!;
        Assert.True(error["extensions"]?["code"]?.GetValue<string>() == "INVALID_INPUT", $"{name}: {refused.ToJsonString()}");
        Assert.DoesNotContain("Exception", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(refused["data"] is null, $"{name}: nothing runs");

        var answered = await SendAsync(query, variables, "");
        // Without the NUL the request runs: answered, or refused by its resolver for naming nothing (an unknown code).
        var codes = answered["errors"]?.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList() ?? [];
        Assert.True(codes.All(c => c is "NOT_FOUND" or "UNKNOWN_JURISDICTION"), $"{name} without the NUL: {answered.ToJsonString()}");
    }

    private Task<JsonObject> SendAsync(string query, string? variables, string nul) =>
        host.GraphQLAsync(query.Replace("{nul}", nul, StringComparison.Ordinal),
            variables is null ? null : JsonNode.Parse(variables.Replace("{nul}", nul, StringComparison.Ordinal)), token: host.Token(RoleRights.CityAdmin));
}
