using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Security;

/// <summary>
/// Hostile and broken requests: each gets a clear answer (an HTTP 4xx, or a GraphQL error with a code), never a
/// 500, a hang or a write.
/// </summary>
public sealed class BadInputTests(SecuredKestrelHost host, ITestOutputHelper output) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    /// <param name="NullIsAnAnswer">A read of something that is not there may answer null (or an empty list) without an error.</param>
    /// <param name="AlsoCode">A second code that is as clear (GraphQL.NET's validation code for a literal of the wrong kind).</param>
    /// <param name="Harmless">A request the server may simply answer (unused variables are ignored, as the spec says).</param>
    private sealed record Case(string Name, Func<HttpRequestMessage> Request, string? ExpectCode = null, int? ExpectStatus = null, bool NullIsAnAnswer = false,
        string? AlsoCode = null, bool Harmless = false);

    private string _cursor = "";

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await TestNeeds.AddAsync(host, "路灯坏了", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        var page = await host.GraphQLAsync("{ needs(first: 1, order: RECEIVED_AT_ASC) { pageInfo { endCursor } } }", token: Admin);
        _cursor = page["data"]!["needs"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    private static HttpRequestMessage Post(string body, string? token = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private HttpRequestMessage Gql(string query, object? variables = null, string? token = null, string? operationName = null) =>
        Post(JsonSerializer.Serialize(new { query, variables, operationName }), token ?? Admin);

    private static string Nested(int depth, string inner)
    {
        var text = inner;
        for (var i = 0; i < depth; i++)
        {
            text = "children { " + text + " }";
        }
        return text;
    }

    private HttpRequestMessage NestedFilter(int depth)
    {
        var filter = "{\"categoryIn\":[\"noise\"]}";
        for (var i = 0; i < depth; i++)
        {
            filter = "{\"and\":[" + filter + "]}";
        }
        return Post("{\"query\":\"query($w: NeedFilter) { needs(where: $w) { totalCount } }\",\"variables\":{\"w\":" + filter + "}}", Admin);
    }

    private IEnumerable<Case> Cases()
    {
        var point = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var submit = "mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id } errors { __typename ... on Error { code message } } } }";
        object Input(object? location, string text = "路灯坏了") => new { input = new { text, location, categoryCode = "noise" } };
        var goodLocation = new { type = "Point", coordinates = new[] { point.Longitude, point.Latitude } };

        yield return new("oversized body (2 MiB)", () => Gql("{ channels { code } } #" + new string('x', 2 * 1024 * 1024)), ExpectStatus: 413);
        yield return new("deep selection (40 levels)", () => Gql("{ jurisdictions { " + Nested(40, "code") + " } }"));
        yield return new("deep introspection (30 levels)", () => Gql("{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 15)) + "name" + new string('}', 30) + " } } }"));
        yield return new("filter nested 20 deep", () => NestedFilter(20), "INVALID_FILTER");
        yield return new("variables nested 300 deep", () => NestedFilter(300));
        yield return new("malformed JSON", () => Post("{\"query\": \"{ channels { code } }\"", Admin), ExpectStatus: 400);
        yield return new("JSON array body", () => Post("[1,2,3]", Admin), ExpectStatus: 400);
        yield return new("query is a number", () => Post("{\"query\": 5}", Admin), ExpectStatus: 400);
        yield return new("variables is a string", () => Post("{\"query\": \"{ channels { code } }\", \"variables\": \"x\"}", Admin), ExpectStatus: 400);
        yield return new("variable of the wrong type", () => Gql("query($f: Int) { needs(first: $f) { totalCount } }", new { f = "many" }));
        yield return new("invalid UTF-8", () =>
        {
            var r = Post("", Admin);
            r.Content = new ByteArrayContent([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]);
            r.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            return r;
        }, ExpectStatus: 400);
        yield return new("text/plain body", () => Post("{ channels { code } }", Admin, "text/plain"), ExpectStatus: 415);
        yield return new("huge textContains (600 KB)", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }", new { w = new { textContains = new string('噪', 100_000) } }), "INVALID_FILTER");
        yield return new("huge categoryIn (20k codes)", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }", new { w = new { categoryIn = Enumerable.Repeat("nope", 20_000).ToArray() } }), "UNKNOWN_CATEGORY");
        yield return new("page size 100000", () => Gql("{ needs(first: 100000) { totalCount } }"), "PAGE_TOO_LARGE");
        yield return new("negative page size", () => Gql("{ needs(first: -1) { totalCount } }"), "INVALID_PAGING");
        yield return new("page size over the deputy's 100", () => Gql("{ needs(first: 200) { totalCount } }", token: host.Token(RoleRights.Deputy, TestNeeds.Jiangdong)), "PAGE_TOO_LARGE");
        yield return new("GeoJSON: unclosed polygon", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }",
            new { w = new { within = new { type = "Polygon", coordinates = new[] { new[] { new[] { 120.0, 29.0 }, new[] { 120.1, 29.0 }, new[] { 120.1, 29.1 } } } } } }), "INVALID_GEOMETRY");
        yield return new("GeoJSON: coordinates out of range", () => Gql(submit, Input(new { type = "Point", coordinates = new[] { 999.0, 999.0 } })), "INVALID_GEOMETRY");
        yield return new("GeoJSON: a string", () => Gql(submit, Input("POINT(120 29)")), "INVALID_GEOMETRY");
        yield return new("GeoJSON: unknown type", () => Gql(submit, Input(new { type = "Circle", coordinates = new[] { 120.0, 29.0 } })), "INVALID_GEOMETRY");
        yield return new("GeoJSON: NaN-like coordinates", () => Post("{\"query\":\"mutation { submitNeed(input: {text: \\\"x\\\", location: {type: \\\"Point\\\", coordinates: [1e999, 1]}}) { need { id } errors { __typename ... on Error { code message } } } }\"}", Admin));
        yield return new("submitNeed text of 5000 characters", () => Gql(submit, Input(goodLocation, new string('路', 5000))), "INVALID_INPUT");
        yield return new("submitNeed text with a NUL byte", () => Gql(submit, Input(goodLocation, "路灯\0坏了")), "INVALID_INPUT");
        yield return new("unknown operation name", () => Gql("query A { channels { code } }", operationName: "B"));
        yield return new("unknown field", () => Gql("{ passwords { hash } }"));
        yield return new("syntax error", () => Gql("{ needs(first: ) { "));
        yield return new("mutation over GET", () =>
        {
            var r = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { submitNeed(input: {text: \"x\"}) { need { id } errors { __typename ... on Error { code message } } } }"));
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
            return r;
        }, ExpectStatus: 405);
        yield return new("expired token", () => Gql("{ channels { code } }", token: host.Token(RoleRights.CityAdmin, lifetime: TimeSpan.FromSeconds(-120))), "UNAUTHENTICATED", 401);
        yield return new("token signed with another key", () => Gql("{ channels { code } }", token: new TokenIssuer(new AuthSettings { SigningKey = new string('k', 40) })
            .Issue("mallory", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(1))), "UNAUTHENTICATED", 401);
        yield return new("unsigned token (alg none)", () => Gql("{ channels { code } }", token: new JsonWebTokenHandler().CreateToken(
            """{"sub":"mallory","role":"city_admin","iss":"needsmap","aud":"needsmap-graph","exp":4102444800}""")), "UNAUTHENTICATED", 401);
        yield return new("token for another audience", () => Gql("{ channels { code } }", token: new TokenIssuer(new AuthSettings { SigningKey = NeedsMapHost.TestSigningKey, Audience = "elsewhere" })
            .Issue("mallory", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(1))), "UNAUTHENTICATED", 401);
        yield return new("garbage token", () => Gql("{ channels { code } }", token: "not.a.token"), "UNAUTHENTICATED", 401);
        yield return new("a 20 KB token", () => Gql("{ channels { code } }", token: new string('a', 20_000)), "UNAUTHENTICATED", 401);
        yield return new("token with an unknown role: public view", () => Gql("{ needs { totalCount } }", token: new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "needsmap", Audience = "needsmap-graph", Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "superuser" },
            SigningCredentials = new SigningCredentials(AuthSettings.Key(NeedsMapHost.TestSigningKey), SecurityAlgorithms.HmacSha256),
        })), "FORBIDDEN", 403);
        yield return new("anonymous mutation", () => Post(JsonSerializer.Serialize(new { query = submit, variables = Input(goodLocation) })), "AUTH_REQUIRED", 401);
        yield return new("street officer writing in another street", () => Gql(submit, Input(new { type = "Point", coordinates = new[] { TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity).Longitude, TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity).Latitude } }),
            token: host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong)), "FORBIDDEN");
        yield return new("deputy probing masked phone numbers with textContains", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }",
            new { w = new { or = new[] { new { textContains = "13812345678" } } } }, token: host.Token(RoleRights.Deputy, TestNeeds.Jiangdong)), "FORBIDDEN");
        yield return new("public probing phone numbers through statistics", () => Post(JsonSerializer.Serialize(new
        {
            query = "query($w: NeedFilter) { needStats(where: $w, groupBy: CHANNEL) { totalCount } }",
            variables = new { w = new { textContains = "8123456" } },
        })), "FORBIDDEN");
        yield return new("100 aliases of a 500-item page", () => Gql("{ " + string.Concat(Enumerable.Range(0, 100).Select(i => $"a{i}: needs(first: 500) {{ edges {{ node {{ id text }} }} }} ")) + "}"));
        yield return new("public view nesting beyond 8", () => Post(JsonSerializer.Serialize(new { query = "{ jurisdictions { " + Nested(9, "code") + " } }" })), "TOO_DEEP");

        // Huge variables.
        yield return new("variables of 5 MB", () => Gql("{ channels { code } }", new { v = new string('x', 5 * 1024 * 1024) }), ExpectStatus: 413);
        yield return new("50,000 unused variables", () => Post("{\"query\":\"{ channels { code } }\",\"variables\":{" + string.Join(',', Enumerable.Range(0, 50_000).Select(i => $"\"v{i}\":{i}")) + "}}", Admin), Harmless: true);
        yield return new("a 900 KB text", () => Gql(submit, Input(goodLocation, new string('x', 900_000))), "INVALID_INPUT");
        yield return new("40,000 need ids in one whistle", () => Gql("mutation($input: BlowWhistleInput!) { blowWhistle(input: $input) { whistle { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { blownBy = TestNeeds.Jimingshan, needIds = Enumerable.Repeat("TmVlZDo5OTk5OQ==", 40_000).ToArray() } }));
        yield return new("a variable nested 10,000 arrays deep", () => Post("{\"query\":\"query($v: [String]) { categories { code } }\",\"variables\":{\"v\":" + new string('[', 10_000) + new string(']', 10_000) + "}}", Admin), ExpectStatus: 400);
        yield return new("100,000 jurisdiction codes", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }", new { w = new { jurisdictionIn = Enumerable.Repeat("330782002", 100_000).ToArray() } }));

        // Operations: unknown names, several without a name, batches.
        yield return new("operationName naming nothing among two operations", () => Gql("query A { channels { code } } query B { categories { code } }", operationName: "C"));
        yield return new("two operations and no operationName", () => Gql("query A { channels { code } } query B { categories { code } }"));
        yield return new("operationName naming a fragment", () => Gql("query A { channels { ...F } } fragment F on Channel { code }", operationName: "F"));
        yield return new("operationName is a number", () => Post("{\"query\": \"{ channels { code } }\", \"operationName\": 5}", Admin), ExpectStatus: 400);
        yield return new("a batch of two requests", () => Post("[{\"query\":\"{ channels { code } }\"},{\"query\":\"{ categories { code } }\"}]", Admin), ExpectStatus: 400);
        yield return new("a batch of 1,000 mutations", () => Post("[" + string.Join(',', Enumerable.Repeat(JsonSerializer.Serialize(new { query = submit, variables = Input(goodLocation) }), 1000)) + "]", Admin), ExpectStatus: 400);
        yield return new("a subscription over POST", () => Gql("subscription { needChanged { kind } }"));

        // Cursors.
        var needsAfter = "query($c: String) { needs(first: 5, after: $c) { totalCount } }";
        yield return new("cursor: garbage", () => Gql(needsAfter, new { c = "garbage!" }), "INVALID_CURSOR");
        yield return new("cursor: empty", () => Gql(needsAfter, new { c = "" }), "INVALID_CURSOR");
        yield return new("cursor: base64 of something else", () => Gql(needsAfter, new { c = Convert.ToBase64String(Encoding.UTF8.GetBytes("cursor:2026-01-01|1")) }), "INVALID_CURSOR");
        yield return new("cursor: a global id", () => Gql(needsAfter, new { c = Convert.ToBase64String(Encoding.UTF8.GetBytes("Need:1")) }), "INVALID_CURSOR");
        yield return new("cursor: 100 KB", () => Gql(needsAfter, new { c = new string('Q', 100_000) }), "INVALID_CURSOR");
        yield return new("cursor: issued for the other order", () => Gql("query($c: String) { needs(first: 5, after: $c, order: RECEIVED_AT_DESC) { totalCount } }", new { c = _cursor }), "INVALID_CURSOR");
        yield return new("cursor: with a NUL after it", () => Gql(needsAfter, new { c = B64(Encoding.UTF8.GetString(Convert.FromBase64String(_cursor)) + "\0") }), "INVALID_CURSOR");
        yield return new("cursor: before with first", () => Gql("query($c: String) { needs(first: 5, before: $c) { totalCount } }", new { c = _cursor }), "INVALID_PAGING");

        foreach (var c in IdCases().Concat(GeometryCases()))
        {
            yield return c;
        }
    }

    /// <summary>Ids that are not ids: each tried wherever the schema takes an ID (<see cref="IdInputs"/>).</summary>
    private static readonly string[] BadIds =
    [
        "", "x", "!!!not base64!!!", B64("Need:abc"), B64("Need:-5"), B64("Need:99999999999999999999"), B64("Whistle:1"), B64("Nothing:1"),
        B64("Need:1\u0000"), new string('A', 10_000),
    ];

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Every place the schema takes an ID (root field arguments and input fields), as an operation with the variable $id.
    /// <see cref="Every_ID_and_geometry_input_of_the_schema_is_tried_with_bad_values"/> fails when a new one is missing.
    /// </summary>
    internal static readonly Dictionary<string, string> IdInputs = new(StringComparer.Ordinal)
    {
        ["query.node.id"] = "query($id: ID!) { node(id: $id) { id } }",
        ["query.need.id"] = "query($id: ID!) { need(id: $id) { id } }",
        ["query.needHistory.id"] = "query($id: ID!) { needHistory(id: $id) { kind } }",
        ["query.whistle.id"] = "query($id: ID!) { whistle(id: $id) { id } }",
        ["query.consultation.id"] = "query($id: ID!) { consultation(id: $id) { id } }",
        ["query.sceneEffect.id"] = "query($id: ID!) { sceneEffect(id: $id) { verdict } }",
        ["query.case.id"] = "query($id: ID!) { case(id: $id) { id } }",
        ["query.auditLog.needId"] = "query($id: ID) { auditLog(needId: $id) { actor } }",
        ["query.auditLogConnection.needId"] = "query($id: ID) { auditLogConnection(needId: $id, first: 5) { totalCount nodes { actor } } }",
        ["EvaluateSceneInput.id"] = "mutation($id: ID!) { evaluateScene(input: { id: $id }) { effect { verdict } errors { __typename ... on Error { code message } } } }",
        ["LabelNeedInput.id"] = """mutation($id: ID!) { labelNeed(input: { id: $id, categoryCode: "noise.construction" }) { need { id } errors { __typename ... on Error { code message } } } }""",
        ["subscription.consultationActivity.id"] = "subscription($id: ID!) { consultationActivity(id: $id) { kind } }",
        ["BlowWhistleInput.needIds"] = """mutation($id: ID!) { blowWhistle(input: { blownBy: "330782002005", needIds: [$id] }) { whistle { id } errors { __typename ... on Error { code message } } } }""",
        ["CloseConsultationInput.id"] = """mutation($id: ID!) { closeConsultation(input: { id: $id, outcome: "x" }) { consultation { id } errors { __typename ... on Error { code message } } } }""",
        ["HidePostInput.postId"] = """mutation($id: ID!) { hidePost(input: { postId: $id, reason: "x" }) { post { id } errors { __typename ... on Error { code message } } } }""",
        ["JoinConsultationInput.consultationId"] = """mutation($id: ID!) { joinConsultation(input: { consultationId: $id, name: "x", role: RESIDENT }) { participant { id } errors { __typename ... on Error { code message } } } }""",
        ["OneThingInput.serviceItemIds"] = """mutation($id: ID!) { createOneThing(input: { name: "x", serviceItemIds: [$id] }) { oneThing { id } errors { __typename ... on Error { code message } } } }""",
        ["PostInput.consultationId"] = """mutation($id: ID!) { postToConsultation(input: { consultationId: $id, participantId: "Q29uc3VsdGF0aW9uUGFydGljaXBhbnQ6MQ==", body: "x" }) { post { id } errors { __typename ... on Error { code message } } } }""",
        ["PostInput.participantId"] = """mutation($id: ID!) { postToConsultation(input: { consultationId: "Q29uc3VsdGF0aW9uOjE=", participantId: $id, body: "x" }) { post { id } errors { __typename ... on Error { code message } } } }""",
        ["PostInput.replyToId"] = """mutation($id: ID!) { postToConsultation(input: { consultationId: "Q29uc3VsdGF0aW9uOjE=", participantId: "Q29uc3VsdGF0aW9uUGFydGljaXBhbnQ6MQ==", replyToId: $id, body: "x" }) { post { id } errors { __typename ... on Error { code message } } } }""",
        ["ProposeInput.consultationId"] = """mutation($id: ID!) { propose(input: { consultationId: $id, participantId: "Q29uc3VsdGF0aW9uUGFydGljaXBhbnQ6MQ==", text: "x" }) { proposal { id } errors { __typename ... on Error { code message } } } }""",
        ["ProposeInput.participantId"] = """mutation($id: ID!) { propose(input: { consultationId: "Q29uc3VsdGF0aW9uOjE=", participantId: $id, text: "x" }) { proposal { id } errors { __typename ... on Error { code message } } } }""",
        ["RateWhistleInput.id"] = "mutation($id: ID!) { rateWhistle(input: { id: $id, rating: 5 }) { whistle { id } errors { __typename ... on Error { code message } } } }",
        ["ReformItemInput.evidenceNeedIds"] = """mutation($id: ID!) { addReformItem(input: { title: "x", problem: "x", evidence: "x", departmentCodes: ["enforcement"], evidenceNeedIds: [$id] }) { reformItem { id } errors { __typename ... on Error { code message } } } }""",
        ["ReopenWhistleInput.id"] = "mutation($id: ID!) { reopenWhistle(input: { id: $id }) { whistle { id } errors { __typename ... on Error { code message } } } }",
        ["ServiceItemInput.id"] = """mutation($id: ID!) { saveServiceItem(input: { id: $id, categoryCode: "noise", deadlineHours: 24, departmentCodes: ["enforcement"], name: "x" }) { serviceItem { id } errors { __typename ... on Error { code message } } } }""",
        ["StartConsultationInput.needId"] = """mutation($id: ID!) { startConsultation(input: { title: "x", needId: $id }) { consultation { id } errors { __typename ... on Error { code message } } } }""",
        ["SupportProposalInput.participantId"] = """mutation($id: ID!) { supportProposal(input: { proposalId: "UHJvcG9zYWw6MQ==", participantId: $id }) { proposal { id } errors { __typename ... on Error { code message } } } }""",
        ["SupportProposalInput.proposalId"] = """mutation($id: ID!) { supportProposal(input: { proposalId: $id, participantId: "Q29uc3VsdGF0aW9uUGFydGljaXBhbnQ6MQ==" }) { proposal { id } errors { __typename ... on Error { code message } } } }""",
        ["WhistleActionInput.id"] = """mutation($id: ID!) { acknowledgeWhistle(input: { id: $id, departmentCode: "enforcement" }) { whistle { id } errors { __typename ... on Error { code message } } } }""",
    };

    private IEnumerable<Case> IdCases()
    {
        foreach (var (where, operation) in IdInputs)
        {
            if (operation.StartsWith("subscription", StringComparison.Ordinal))
            {
                continue; // over WebSocket: WebSocketCasesAsync
            }
            foreach (var id in BadIds)
            {
                yield return new($"id {Short(id, 24)} in {where}", () => Gql(operation, new { id }), NullIsAnAnswer: operation.StartsWith("query", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>GeoJSON that is not valid anywhere: each tried in every geometry input (<see cref="GeometryInputs"/>), as a variable and as a literal.</summary>
    private static readonly (string Name, string Json)[] BadGeometries =
    [
        ("a WKT string", "\"POINT(120 29)\""),
        ("a number", "5"),
        ("an empty object", "{}"),
        ("no coordinates", """{"type":"Point"}"""),
        ("coordinates as a string", """{"type":"Point","coordinates":"120,29"}"""),
        ("coordinates out of range", """{"type":"Point","coordinates":[999,999]}"""),
        ("one coordinate", """{"type":"Point","coordinates":[120]}"""),
        ("an unknown type", """{"type":"Circle","coordinates":[120,29],"radius":5}"""),
        ("an unclosed polygon", """{"type":"Polygon","coordinates":[[[120,29],[120.1,29],[120.1,29.1]]]}"""),
        ("a self-intersecting polygon", """{"type":"Polygon","coordinates":[[[120,29],[120.1,29.1],[120.1,29],[120,29.1],[120,29]]]}"""),
        ("an empty polygon", """{"type":"Polygon","coordinates":[]}"""),
        ("a line of one point", """{"type":"LineString","coordinates":[[120,29]]}"""),
        ("arrays nested 40 deep", """{"type":"Polygon","coordinates":""" + new string('[', 40) + "120,29" + new string(']', 40) + "}"),
        ("a polygon of 200,000 points", """{"type":"Polygon","coordinates":[[""" + string.Join(',', Enumerable.Range(0, 200_000).Select(i => $"[{120 + (i % 1000) * 1e-5:0.#####},{29 + i / 1000 * 1e-5:0.#####}]")) + "]]}"),
    ];

    /// <summary>Every geometry input of the schema, as an operation with the variable $g (or, for literals, the text GEO).</summary>
    internal static readonly Dictionary<string, (string Variable, string Literal)> GeometryInputs = new(StringComparer.Ordinal)
    {
        ["NeedFilter.within"] = ("query($g: Geometry) { needs(where: { within: $g }) { totalCount } }", "{ needs(where: { within: GEO }) { totalCount } }"),
        ["NeedFilter.intersects"] = ("query($g: Geometry) { needStats(where: { intersects: $g }, groupBy: CHANNEL) { totalCount } }", "{ needStats(where: { intersects: GEO }, groupBy: CHANNEL) { totalCount } }"),
        ["NearFilter.point"] = ("query($g: Geometry!) { needs(where: { near: { point: $g, meters: 100 } }) { totalCount } }", "{ needs(where: { near: { point: GEO, meters: 100 } }) { totalCount } }"),
        ["SubmitNeedInput.location"] = ("""mutation($g: Geometry) { submitNeed(input: { text: "路灯坏了", location: $g, categoryCode: "noise" }) { need { id } errors { __typename ... on Error { code message } } } }""",
            """mutation { submitNeed(input: { text: "路灯坏了", location: GEO, categoryCode: "noise" }) { need { id } errors { __typename ... on Error { code message } } } }"""),
        ["CreateSceneInput.area"] = ("""mutation($g: Geometry!) { createScene(input: { name: "坏", categoryCodes: ["noise"], area: $g }) { scene { id } errors { __typename ... on Error { code message } } } }""",
            """mutation { createScene(input: { name: "坏", categoryCodes: ["noise"], area: GEO }) { scene { id } errors { __typename ... on Error { code message } } } }"""),
    };

    private IEnumerable<Case> GeometryCases()
    {
        foreach (var (where, (variable, literal)) in GeometryInputs)
        {
            foreach (var (name, json) in BadGeometries)
            {
                var oversized = json.Length > 1024 * 1024;
                yield return new($"GeoJSON {name} in {where}", () => Post("{\"query\":" + JsonSerializer.Serialize(variable) + ",\"variables\":{\"g\":" + json + "}}", Admin),
                    oversized ? null : "INVALID_GEOMETRY", oversized ? 413 : null);
                if (!oversized)
                {
                    yield return new($"GeoJSON literal {name} in {where}", () => Gql(literal.Replace("GEO", ToLiteral(JsonNode.Parse(json)), StringComparison.Ordinal)),
                        "INVALID_GEOMETRY", AlsoCode: "ARGUMENTS_OF_CORRECT_TYPE");
                }
            }
        }
        yield return new("GeoJSON an unclosed polygon in a tile's where", () =>
        {
            var w = Uri.EscapeDataString("""{"within":{"type":"Polygon","coordinates":[[[120,29],[120.1,29],[120.1,29.1]]]}}""");
            var r = new HttpRequestMessage(HttpMethod.Get, "/tiles/needs/14/13656/6795.mvt?where=" + w);
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
            return r;
        }, ExpectStatus: 400);
    }

    /// <summary>JSON as a GraphQL input literal: object keys unquoted.</summary>
    private static string ToLiteral(JsonNode? node) => node switch
    {
        JsonObject o => "{ " + string.Join(", ", o.Select(p => p.Key + ": " + ToLiteral(p.Value))) + " }",
        JsonArray a => "[" + string.Join(", ", a.Select(ToLiteral)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    [Fact]
    public void Every_ID_and_geometry_input_of_the_schema_is_tried_with_bad_values()
    {
        var schema = host.Service<GraphQL.Types.ISchema>();
        var ids = new List<string>();
        var geometries = new List<string>();
        foreach (var (type, root) in new[] { ("query", schema.Query), ("mutation", schema.Mutation), ("subscription", schema.Subscription) })
        {
            foreach (var field in root?.Fields ?? [])
            {
                foreach (var argument in field.Arguments ?? [])
                {
                    var named = Unwrap(argument.ResolvedType);
                    (named is GraphQL.Types.IdGraphType ? ids : named?.Name == "Geometry" ? geometries : null)?.Add($"{type}.{field.Name}.{argument.Name}");
                }
            }
        }
        foreach (var input in schema.AllTypes.OfType<GraphQL.Types.IInputObjectGraphType>())
        {
            foreach (var field in input.Fields)
            {
                var named = Unwrap(field.ResolvedType);
                (named is GraphQL.Types.IdGraphType ? ids : named?.Name == "Geometry" ? geometries : null)?.Add($"{input.Name}.{field.Name}");
            }
        }
        var missing = ids.Where(i => !IdInputs.ContainsKey(i)).Concat(geometries.Where(g => !GeometryInputs.ContainsKey(g))).ToList();
        Assert.True(missing.Count == 0, "Add to BadInputTests.IdInputs or GeometryInputs: " + string.Join(", ", missing));
    }

    private static GraphQL.Types.IGraphType? Unwrap(GraphQL.Types.IGraphType? type) => type switch
    {
        GraphQL.Types.NonNullGraphType n => Unwrap(n.ResolvedType),
        GraphQL.Types.ListGraphType l => Unwrap(l.ResolvedType),
        _ => type,
    };

    [Fact]
    public async Task Every_bad_request_gets_a_clear_client_error_and_writes_nothing()
    {
        var failures = new List<string>();
        var count = 0;
        var writes = 0;
        foreach (var c in Cases())
        {
            count++;
            var before = await CountNeedsAsync();
            using var client = host.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(30);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(c.Request());
            }
            catch (TaskCanceledException)
            {
                failures.Add($"{c.Name}: no answer within 30 s");
                continue;
            }
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            string? code = null;
            try
            {
                code = Payloads.Code(JsonNode.Parse(text) as JsonObject);
            }
            catch (JsonException)
            {
            }
            if (status >= 500)
            {
                failures.Add($"{c.Name}: {status} {Short(text)}");
            }
            else if (status < 400 && code is null && !c.Harmless && !(c.NullIsAnAnswer && IsNothing(text)))
            {
                failures.Add($"{c.Name}: neither a 4xx nor an error code: {status} {Short(text)}");
            }
            if (c.ExpectStatus is { } s && s != status)
            {
                failures.Add($"{c.Name}: expected {s}, got {status} {Short(text)}");
            }
            if (c.ExpectCode is { } expected && expected != code && c.AlsoCode != code)
            {
                failures.Add($"{c.Name}: expected {expected}, got {code} ({status}) {Short(text)}");
            }
            if (await CountNeedsAsync() != before)
            {
                writes++;
                failures.Add($"{c.Name}: wrote something");
            }
        }
        count += await WebSocketCasesAsync(failures);
        AuthorizationMatrixTests.Report("bad input", count, writes, failures, output);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(60)));
    }

    private async Task<int> WebSocketCasesAsync(List<string> failures)
    {
        var cases = new (string Name, object? Payload, int Close)[]
        {
            ("ws: forged token", new { authorization = "Bearer " + new TokenIssuer(new AuthSettings { SigningKey = new string('k', 40) }).Issue("m", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(1)) }, 4403),
            ("ws: expired token", new { token = host.Token(RoleRights.CityAdmin, lifetime: TimeSpan.FromSeconds(-120)) }, 4403),
            ("ws: token of the wrong type", new { token = 42 }, 4403),
        };
        foreach (var (name, payload, close) in cases)
        {
            await using var ws = await WsClient.ConnectAsync(host.WebSocketUrl, payload);
            var message = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            if (message is not null || (int?)ws.CloseStatus != close)
            {
                failures.Add($"{name}: expected close {close}, got {message?.ToJsonString()} / {ws.CloseStatus}");
            }
        }
        // Without a token the socket is the public's (issue #15): acknowledged, and a record subscription needs a token.
        await using (var ws = await WsClient.ConnectAsync(host.WebSocketUrl, null))
        {
            var ack = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            await ws.SendAsync(new { id = "1", type = "subscribe", payload = new { query = "subscription { needChanged { kind } }" } });
            var refusal = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            if (ack?["type"]?.GetValue<string>() != "connection_ack" || refusal?["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>() != "AUTH_REQUIRED")
            {
                failures.Add($"ws: no token: expected an ack and AUTH_REQUIRED for needChanged, got {ack?.ToJsonString()} / {refusal?.ToJsonString()}");
            }
        }
        await using (var ws = await WsClient.ConnectAsync(host.WebSocketUrl, new { authorization = "Bearer " + Admin }))
        {
            await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            await ws.SendAsync(new { id = "1", type = "subscribe", payload = new { query = "subscription { needChanged { kind } } #" + new string('x', 2 * 1024 * 1024) } });
            var message = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            if (message is not null || (int?)ws.CloseStatus != 1009)
            {
                failures.Add($"ws: 2 MiB message: expected close 1009, got {message?.ToJsonString()} / {ws.CloseStatus}");
            }
        }
        var tried = cases.Length + 2;
        await using (var ws = await WsClient.ConnectAsync(host.WebSocketUrl, new { authorization = "Bearer " + Admin }))
        {
            await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            for (var i = 0; i < BadIds.Length; i++)
            {
                tried++;
                await ws.SendAsync(new { id = $"b{i}", type = "subscribe", payload = new { query = IdInputs["subscription.consultationActivity.id"], variables = new { id = BadIds[i] } } });
                JsonObject? answer;
                do
                {
                    answer = await ws.ReceiveAsync(TimeSpan.FromSeconds(10)); // skips the previous subscription's complete
                }
                while (answer is not null && answer["id"]?.GetValue<string>() != $"b{i}");
                var code = (answer?["payload"] as JsonArray ?? answer?["payload"]?["errors"] as JsonArray)?[0]?["extensions"]?["code"]?.GetValue<string>();
                if (code is null || ws.CloseStatus is not null)
                {
                    failures.Add($"ws: subscribe with the id {Short(BadIds[i], 24)}: expected an error with a code, got {answer?.ToJsonString()} / {ws.CloseStatus}");
                }
            }
        }
        return tried;
    }

    [Fact]
    public async Task A_caller_over_the_rate_limit_gets_429_with_Retry_After()
    {
        await using var limited = new RateLimitedHost();
        await limited.InitializeAsync();
        using var client = limited.CreateClient();
        // As a page on another origin asks (Security/CrossOrigin): it must be able to read the 429 and its Retry-After.
        client.DefaultRequestHeaders.Add("Origin", "https://app.example.org");
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ channels { code } }")));
        }
        var last = statuses[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null || last.Headers.Contains("Retry-After"));
        Assert.Contains("RATE_LIMITED", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("*", Assert.Single(last.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Retry-After", string.Join(",", last.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
        await limited.DisposeAsync();
    }

    private sealed class RateLimitedHost : SecuredHost
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NeedsMap:RateLimit:AnonymousPermitsPerMinute", "3");
        }
    }

    private static string Short(string text, int length = 300) => text.Length > length ? text[..length] + "…" : text;

    /// <summary>An answer without errors whose root fields are all null or empty lists: "there is nothing with that id".</summary>
    private static bool IsNothing(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject { } body && body["errors"] is null && body["data"] is JsonObject data
                && data.All(p => p.Value is null || p.Value is JsonArray { Count: 0 });
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Rows in every table a request could write to.</summary>
    private async Task<long> CountNeedsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT (SELECT count(*) FROM needs) + (SELECT count(*) FROM need_history) + "
            + "(SELECT count(*) FROM whistles) + (SELECT count(*) FROM whistle_history) + (SELECT count(*) FROM scenes) + "
            + "(SELECT count(*) FROM consultations) + (SELECT count(*) FROM consultation_participants) + (SELECT count(*) FROM consultation_posts) + "
            + "(SELECT count(*) FROM reform_items) + (SELECT count(*) FROM one_things) + (SELECT count(*) FROM service_items) + (SELECT count(*) FROM audit_log)", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
