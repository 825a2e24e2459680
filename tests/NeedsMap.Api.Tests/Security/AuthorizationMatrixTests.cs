using System.Text.Json.Nodes;
using GraphQL.Types;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Security;

public sealed class SecuredKestrelHost : SecuredHost
{
    /// <summary>Push keys of two channels, for the inbox cases.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChannelKeys = new Dictionary<string, string>
    {
        ["12345"] = "matrix-key-12345-0123456789",
        ["96150"] = "matrix-key-96150-0123456789",
    };

    protected override bool UseRealSockets => true;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (code, key) in ChannelKeys)
        {
            builder.UseSetting($"NeedsMap:Channels:Keys:{code}", key);
        }
    }

    public Uri WebSocketUrl => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First()
        .Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/graphql");
}

/// <summary>
/// Every root field of the schema, every node type, every /tiles route and every channel inbox × every role (department
/// staff of the called and of another department) × own and foreign jurisdiction, with expectations derived from
/// <see cref="RoleRights"/>: allowed or refused, the records filtered to the role's scope, subscriptions refused at
/// subscribe time outside it and their events scoped, and no foreign need or whistle (its id or its text) in any answer.
/// Counts go to the test output and to .data/security-counts.txt.
/// </summary>
public sealed class AuthorizationMatrixTests(SecuredKestrelHost host, ITestOutputHelper output) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    private const string Jiangdong = TestNeeds.Jiangdong;
    private const string Choucheng = TestNeeds.Choucheng;
    /// <summary>The department the seeded whistle calls, and one it does not.</summary>
    private const string OwnDepartment = "enforcement";
    private const string ForeignDepartment = "education";
    private readonly List<string> _failures = [];
    private int _cases;
    private int _leaks;

    private sealed record Persona(string Name, string Role, string? Jurisdiction, string? Token, string Subject = "alice", string? Channel = null,
        string? Department = null);

    private sealed record Seeded(Need Need, string RawText);

    /// <summary>A whistle the matrix knows: its id, the path of its subject jurisdiction, its holder and its department.</summary>
    private sealed record SeededWhistle(string Id, string SubjectPath, string HolderCode, string Department);

    private List<Seeded> _seeded = [];
    private SeededWhistle _whistle = null!;
    private string _consultationId = "";
    private string _consultationPath = "";
    private string _participantId = "";
    private string _postId = "";
    private string _proposalId = "";
    private string _sceneId = "";
    private string _serviceItemId = "";

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE whistles, whistle_departments, whistle_needs, whistle_history, consultations, "
            + "consultation_participants, consultation_posts, consultation_proposals, proposal_votes RESTART IDENTITY CASCADE");
        _seeded =
        [
            await SeedAsync("江东工地半夜打桩，电话13812345678", TestNeeds.Jimingshan, "12345", "other-1"),
            await SeedAsync("稠城路灯坏了，我叫王小明，13987654321", TestNeeds.ChouchengFirstCommunity, "12345", "other-2"),
            await SeedAsync("我家楼下垃圾没人收，0579-85123456", TestNeeds.ChouchengFirstCommunity, "app", ReporterKeys.ForSubject("alice")),
        ];
        _whistle = await BlowAsync(_seeded[0].Need, OwnDepartment);
        var consultation = await AdminAsync("mutation { startConsultation(input: { title: \"鸡鸣山夜间施工\", jurisdictionCode: \"" + TestNeeds.Jimingshan + "\" }) { consultation { id } errors { __typename ... on Error { code message } } } }");
        _consultationId = consultation["startConsultation"]!["consultation"]!["id"]!.GetValue<string>();
        _consultationPath = PathOf(TestNeeds.Jimingshan);
        _participantId = (await AdminAsync("mutation($input: JoinConsultationInput!) { joinConsultation(input: $input) { participant { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { consultationId = _consultationId, name = "矩阵居民", role = "RESIDENT" } }))["joinConsultation"]!["participant"]!["id"]!.GetValue<string>();
        _postId = (await AdminAsync("mutation($input: PostInput!) { postToConsultation(input: $input) { post { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { consultationId = _consultationId, participantId = _participantId, body = "矩阵发言" } }))["postToConsultation"]!["post"]!["id"]!.GetValue<string>();
        _proposalId = (await AdminAsync("mutation($input: ProposeInput!) { propose(input: $input) { proposal { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { consultationId = _consultationId, participantId = _participantId, text = "矩阵建议" } }))["propose"]!["proposal"]!["id"]!.GetValue<string>();
        var square = new { type = "Polygon", coordinates = new[] { new[] { new[] { 120.07, 29.30 }, new[] { 120.08, 29.30 }, new[] { 120.08, 29.31 }, new[] { 120.07, 29.31 }, new[] { 120.07, 29.30 } } } };
        _sceneId = (await AdminAsync("mutation($input: CreateSceneInput!) { createScene(input: $input) { scene { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { name = "矩阵场景", area = square, categoryCodes = new[] { "noise" } } }))["createScene"]!["scene"]!["id"]!.GetValue<string>();
        _serviceItemId = (await AdminAsync("mutation($input: ServiceItemInput!) { saveServiceItem(input: $input) { serviceItem { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { name = "矩阵服务", categoryCode = "noise", departmentCodes = new[] { OwnDepartment }, deadlineHours = 24 } }))["saveServiceItem"]!["serviceItem"]!["id"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Seeded> SeedAsync(string text, string community, string channel, string reporter)
    {
        var need = await TestNeeds.AddAsync(host, text, "noise", TestNeeds.InteriorOf(host, community), channel: channel, reporter: reporter);
        return new Seeded(need, text);
    }

    private Task<JsonNode> AdminAsync(string query, object? variables = null) =>
        host.GraphQLDataAsync(query, variables, host.Token(RoleRights.CityAdmin, subject: "matrix-admin"));

    private async Task<SeededWhistle> BlowAsync(Need need, string department)
    {
        var data = await AdminAsync("mutation($input: BlowWhistleInput!) { blowWhistle(input: $input) { whistle { id holder { code } } errors { __typename ... on Error { code message } } } }", new
        {
            input = new { blownBy = need.JurisdictionCode, needIds = new[] { NeedId(need) }, departmentCodes = new[] { department }, title = "矩阵哨" },
        });
        return new SeededWhistle(data["blowWhistle"]!["whistle"]!["id"]!.GetValue<string>(), need.JurisdictionPath,
            data["blowWhistle"]!["whistle"]!["holder"]!["code"]!.GetValue<string>(), department);
    }

    private static string NeedId(Need need) => GlobalId.Encode("Need", need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string PathOf(string code) => host.Service<ReferenceData>().Current.FindJurisdiction(code)!.Path;

    private IEnumerable<Persona> Personas()
    {
        yield return new Persona("anonymous", RoleRights.Public, null, null);
        foreach (var right in RoleRights.All)
        {
            foreach (var jurisdiction in new[] { Jiangdong, Choucheng })
            {
                var channel = right.Role == RoleRights.ChannelIntegrator ? "app" : null;
                // Department staff see the whole city: their "own and foreign" is the department the whistle calls, and another.
                var department = right.Role == RoleRights.DepartmentStaff ? (jurisdiction == Jiangdong ? OwnDepartment : ForeignDepartment) : null;
                yield return new Persona($"{right.Role}@{department ?? jurisdiction}", right.Role, jurisdiction,
                    host.Token(right.Role, jurisdiction, "alice", channel, department: department), "alice", channel, department);
            }
        }
    }

    /// <summary>The oracle: which needs a persona's records include, from its role's scope kind alone.</summary>
    private bool Sees(Persona p, Need need)
    {
        var right = RoleRights.For(p.Role);
        return right.Scope switch
        {
            DataScope.City => true,
            DataScope.Subtree => need.JurisdictionPath.StartsWith(PathOf(p.Jurisdiction!), StringComparison.Ordinal),
            DataScope.OwnRecords when p.Role == RoleRights.ChannelIntegrator => need.ChannelCode == p.Channel,
            DataScope.OwnRecords => need.ReporterKey == ReporterKeys.ForSubject(p.Subject),
            _ => false,
        };
    }

    /// <summary>Places (cells, warnings, consultations, whistles' subjects): the whole city, the subtree, or none.</summary>
    private bool SeesPlace(Persona p, string? path) => RoleRights.For(p.Role).Scope switch
    {
        DataScope.City => true,
        DataScope.Subtree => path is not null && path.StartsWith(PathOf(p.Jurisdiction!), StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Whether a subscription to a jurisdiction is accepted: within or above the persona's subtree, or any for city roles.</summary>
    private bool MayWatch(Persona p, string code) => RoleRights.For(p.Role).Scope switch
    {
        DataScope.City => true,
        DataScope.Subtree => PathOf(code).StartsWith(PathOf(p.Jurisdiction!), StringComparison.Ordinal)
            || PathOf(p.Jurisdiction!).StartsWith(PathOf(code), StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Aggregates placed by jurisdiction and the city's consultations: as <see cref="SeesPlace"/>, and the public sees the whole city (issue #15).</summary>
    private bool SeesAggregatePlace(Persona p, string? path) => RoleRights.For(p.Role).Scope == DataScope.PublicAggregates || SeesPlace(p, path);

    /// <summary>The demand weather (cells, warnings and their events): residents see it as the public does (AccessScope.Weather).</summary>
    private static bool SeesPublicWeather(Persona p) => p.Role == RoleRights.Resident || RoleRights.For(p.Role).Scope == DataScope.PublicAggregates;

    private static bool IsWeather(string field) => field is "cellChanged" or "warningRaised";

    /// <summary>Subscriptions to aggregates: as <see cref="MayWatch"/>, and the public may watch the whole city.</summary>
    private bool MayWatchAggregates(Persona p, string code) => RoleRights.For(p.Role).Scope == DataScope.PublicAggregates || MayWatch(p, code);

    private bool SeesWhistle(Persona p, SeededWhistle w) => p.Role == RoleRights.DepartmentStaff
        ? p.Department == w.Department
        : SeesPlace(p, w.SubjectPath) || (RoleRights.For(p.Role).Scope == DataScope.Subtree && w.HolderCode == p.Jurisdiction);

    private static IEnumerable<(string Type, string Field)> RootFields(ISchema schema)
    {
        foreach (var (type, root) in new[] { ("query", schema.Query), ("mutation", schema.Mutation), ("subscription", schema.Subscription) })
        {
            foreach (var field in root?.Fields ?? [])
            {
                yield return (type, field.Name);
            }
        }
    }

    private static IEnumerable<string> NodeTypes(ISchema schema) =>
        schema.AllTypes.OfType<IObjectGraphType>().Where(t => t.ResolvedInterfaces.Any(i => i.Name == "Node")).Select(t => t.Name).Order(StringComparer.Ordinal);

    /// <summary>
    /// The ids node(id) is tried with, per node type, and whether a persona finds each. A new node type fails
    /// <see cref="Every_node_type_has_node_ids_to_try"/> until it has a line here.
    /// </summary>
    private Dictionary<string, IEnumerable<(string Id, Func<Persona, bool> Finds)>> NodeIds() => new(StringComparer.Ordinal)
    {
        ["Need"] = _seeded.Select(s => (NeedId(s.Need), (Func<Persona, bool>)(p => RoleRights.For(p.Role).Groups.HasFlag(FieldGroup.Records) && Sees(p, s.Need)))),
        ["Jurisdiction"] = new[] { Jiangdong, Choucheng, TestNeeds.Jimingshan }.Select(c => (GlobalId.Encode("Jurisdiction", c), (Func<Persona, bool>)(_ => true))),
        ["Whistle"] = [(_whistle.Id, p => May(p, "whistle") && SeesWhistle(p, _whistle))],
        ["Consultation"] = [(_consultationId, p => May(p, "consultation") && SeesAggregatePlace(p, _consultationPath))],
        ["ConsultationParticipant"] = [(_participantId, p => May(p, "consultation") && SeesAggregatePlace(p, _consultationPath))],
        ["ConsultationPost"] = [(_postId, p => May(p, "consultation") && SeesAggregatePlace(p, _consultationPath))],
        ["Proposal"] = [(_proposalId, p => May(p, "consultation") && SeesAggregatePlace(p, _consultationPath))],
        ["Scene"] = [(_sceneId, p => May(p, "scenes"))],
        ["ServiceItem"] = [(_serviceItemId, p => May(p, "serviceList"))],
        // Types the matrix seeds none of: an id of each that names nothing is null for everyone (and never an error).
        ["Case"] = [(GlobalId.Encode("Case", "999999"), _ => false)],
        ["Cell"] = [(GlobalId.Encode("Cell", "r500:900:900"), _ => false)], // far outside the city: no demand, no cell
        ["DemandWarning"] = [(GlobalId.Encode("DemandWarning", "999999"), _ => false)],
        ["OneThing"] = [(GlobalId.Encode("OneThing", "999999"), _ => false)],
        ["ReformItem"] = [(GlobalId.Encode("ReformItem", "999999"), _ => false)],
        ["RejectedRecord"] = [(GlobalId.Encode("RejectedRecord", "999999"), _ => false)],
    };

    /// <summary>Whether a persona may use the root field a node type is otherwise read through (node(id) is no wider a door).</summary>
    private static bool May(Persona p, string door) => RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOf("query", door));

    [Fact]
    public void Every_root_field_has_a_sample_operation()
    {
        var missing = RootFields(host.Service<ISchema>()).Select(f => $"{f.Type}.{f.Field}").Where(k => !SampleOperations.All.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Add a sample operation to Security/SampleOperations.cs for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_node_type_has_node_ids_to_try()
    {
        var missing = NodeTypes(host.Service<ISchema>()).Where(t => !NodeIds().ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0, "Add node ids to try to AuthorizationMatrixTests.NodeIds for: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_README_roles_table_is_the_RoleRights_table()
    {
        var path = Path.Combine(SchemaRoot(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        const string begin = "<!-- roles:begin (generated from Security/Auth/RoleRights.cs) -->\n", end = "\n<!-- roles:end -->";
        var from = readme.IndexOf(begin, StringComparison.Ordinal);
        var to = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "README.md needs the roles table markers.");
        var current = readme[(from + begin.Length)..to];
        if (current != RoleRights.ToMarkdown() && Environment.GetEnvironmentVariable("NEEDSMAP_UPDATE_README") == "1")
        {
            File.WriteAllText(path, readme[..(from + begin.Length)] + RoleRights.ToMarkdown() + readme[to..]);
            return;
        }
        Assert.Equal(RoleRights.ToMarkdown(), current);
    }

    [Fact]
    public async Task Every_root_field_and_route_for_every_role_and_jurisdiction_is_allowed_filtered_or_refused_as_RoleRights_says()
    {
        var schema = host.Service<ISchema>();
        var fields = RootFields(schema).ToList();
        foreach (var persona in Personas())
        {
            foreach (var (type, field) in fields.Where(f => f.Type != "subscription"))
            {
                if (!SampleOperations.All.TryGetValue($"{type}.{field}", out var sample))
                {
                    continue;
                }
                sample = sample.Replace("{whistle}", _whistle.Id, StringComparison.Ordinal).Replace("{consultation}", _consultationId, StringComparison.Ordinal);
                if (type == "mutation")
                {
                    await MutationCaseAsync(persona, field, sample, Jiangdong);
                    await MutationCaseAsync(persona, field, sample, Choucheng);
                }
                else if (sample.Contains("{foreign}", StringComparison.Ordinal))
                {
                    foreach (var seeded in _seeded)
                    {
                        await QueryCaseAsync(persona, field, sample.Replace("{foreign}", NeedId(seeded.Need), StringComparison.Ordinal), seeded);
                    }
                }
                else
                {
                    await QueryCaseAsync(persona, field, sample, null);
                }
            }
            await NodeCasesAsync(persona, schema);
            await SubscriptionCasesAsync(persona, fields.Where(f => f.Type == "subscription").Select(f => f.Field).ToList());
            await RouteCasesAsync(persona);
        }
        await InboxCasesAsync();
        Report("authorization matrix", _cases, _leaks, _failures);
        Assert.True(_failures.Count == 0, string.Join('\n', _failures.Take(40)));
    }

    /// <summary>Writes "name: N cases, N leaks, N failures" to the test output and to .data/security-counts.txt (one line per suite).</summary>
    internal static void Report(string suite, int cases, int leaks, IReadOnlyCollection<string> failures, ITestOutputHelper? log = null)
    {
        var line = $"{suite}: {cases} cases, {leaks} leaks, {failures.Count} failures";
        log?.WriteLine(line);
        Console.WriteLine(line);
        var folder = Path.Combine(SchemaRoot(), ".data");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "security-counts.txt");
        var lines = File.Exists(file) ? File.ReadAllLines(file).Where(l => !l.StartsWith(suite + ":", StringComparison.Ordinal)).ToList() : [];
        lines.Add(line + $" ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        File.WriteAllLines(file, lines.Order(StringComparer.Ordinal));
        File.WriteAllText(Path.Combine(folder, $"security-{suite.Replace(' ', '-')}-failures.txt"), string.Join('\n', failures));
    }

    private void Report(string suite, int cases, int leaks, IReadOnlyCollection<string> failures) => Report(suite, cases, leaks, failures, output);

    private async Task QueryCaseAsync(Persona p, string field, string query, Seeded? target)
    {
        _cases++;
        var allowed = RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOf("query", field));
        var (status, body, _) = await host.PostAsync(query, token: p.Token);
        // keyMatters, topics and demandList name one jurisdiction (330782002 in the samples): a subtree role beside it, not above or
        // inside it, is refused by the resolver (KeyMatters/KeyMatterSource, FORBIDDEN with no data) rather than answered
        // with zeros that would read as a quiet street.
        if (allowed && field is "keyMatters" or "topics" or "demandList" && RoleRights.For(p.Role).Scope == DataScope.Subtree && !MayWatch(p, "330782002"))
        {
            if (Code(body) != "FORBIDDEN" || body?["data"] is JsonObject)
            {
                Fail($"{p.Name} query.{field}", $"expected FORBIDDEN for a jurisdiction beside the role's, got {status} {body?.ToJsonString()}");
            }
            return;
        }
        var label = $"{p.Name} query.{field}{(target is null ? "" : " #" + target.Need.Id)}";
        if (!CheckAllowance(label, allowed, status, body))
        {
            return;
        }
        CheckNoLeak(label, p, body!);
        if (!allowed)
        {
            return;
        }
        var data = body!["data"];
        if (target is not null)
        {
            var node = data?[field];
            var expected = Sees(p, target.Need);
            var found = node is not null && node is not JsonArray { Count: 0 }; // needHistory answers "not found" with []
            if (found != expected)
            {
                Fail(label, $"expected {(expected ? "the need" : "null (not found)")}, got {node?.ToJsonString() ?? "null"}");
            }
        }
        else if (field == "needs")
        {
            var count = data?["needs"]?["totalCount"]?.GetValue<int>();
            var expected = _seeded.Count(s => Sees(p, s.Need));
            if (count != expected)
            {
                Fail(label, $"expected totalCount {expected}, got {count}");
            }
        }
        else if (field == "needStats")
        {
            var count = data?["needStats"]?["totalCount"]?.GetValue<int>();
            var expected = RoleRights.For(p.Role).Scope == DataScope.PublicAggregates ? 0 : _seeded.Count(s => Sees(p, s.Need));
            if (count != expected)
            {
                Fail(label, $"expected totalCount {expected} (public groups under 5 suppressed), got {count}");
            }
        }
        else if (field is "whistle" or "whistles" or "whistlesConnection")
        {
            ExpectFound(label, data?[field], _whistle.Id, SeesWhistle(p, _whistle));
        }
        else if (field is "consultation" or "consultations" or "consultationsConnection")
        {
            ExpectFound(label, data?[field], _consultationId, SeesAggregatePlace(p, _consultationPath));
        }
    }

    private void ExpectFound(string label, JsonNode? answer, string id, bool expected)
    {
        var found = answer?.ToJsonString().Contains('"' + id + '"', StringComparison.Ordinal) == true;
        if (found && !expected)
        {
            _leaks++;
            Fail(label, $"LEAK: {id} is in the answer");
        }
        else if (!found && expected)
        {
            Fail(label, $"expected {id} in the answer, got {answer?.ToJsonString() ?? "null"}");
        }
    }

    private async Task NodeCasesAsync(Persona p, ISchema schema)
    {
        var ids = NodeIds();
        foreach (var type in NodeTypes(schema))
        {
            foreach (var (id, finds) in ids.GetValueOrDefault(type) ?? [])
            {
                _cases++;
                var label = $"{p.Name} node({type} {id})";
                var (status, body, _) = await host.PostAsync($$"""{ node(id: "{{id}}") { id __typename } }""", token: p.Token);
                if (!CheckAllowance(label, RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOf("query", "node")), status, body) || body?["data"] is not JsonObject data)
                {
                    continue;
                }
                CheckNoLeak(label, p, body);
                var found = data["node"] is JsonObject;
                if (found != finds(p))
                {
                    _leaks += found ? 1 : 0;
                    Fail(label, $"expected {(finds(p) ? "found" : "null (not found)")}, got {data["node"]?.ToJsonString() ?? "null"}");
                }
            }
        }
    }

    private async Task MutationCaseAsync(Persona p, string field, string sample, string target)
    {
        _cases++;
        var right = RoleRights.For(p.Role);
        var community = target == Jiangdong ? TestNeeds.Jimingshan : TestNeeds.ChouchengFirstCommunity;
        var at = TestNeeds.InteriorOf(host, community);
        var query = sample.Replace("{lon}", at.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{lat}", at.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var group = RoleRights.GroupOf("mutation", field);
        var groupAllowed = right.Groups.HasFlag(group);
        // submitNeed writes a need in the target jurisdiction; a department action is for the whistle's department;
        // other mutations are allowed by their group alone.
        var writesNeed = field == "submitNeed";
        var writeAllowed = groupAllowed && (!writesNeed || right.Scope switch
        {
            DataScope.City => true,
            DataScope.Subtree => p.Jurisdiction == target,
            DataScope.OwnRecords => true, // residents anywhere; the integrator's channel is the sample's (app)
            _ => false,
        }) && (group != FieldGroup.Dispatch || p.Role != RoleRights.DepartmentStaff || p.Department == _whistle.Department);
        var before = await CountAsync("needs");
        var historyBefore = await CountAsync("whistle_history");
        var (status, body, _) = await host.PostAsync(query, token: p.Token);
        var label = $"{p.Name} mutation.{field} in {target}";
        var written = await CountAsync("needs") - before;
        if (!groupAllowed)
        {
            CheckAllowance(label, false, status, body);
        }
        else if (!writeAllowed && Code(body) != "FORBIDDEN")
        {
            Fail(label, $"expected FORBIDDEN, got {status} {body?.ToJsonString()}");
        }
        else if (writeAllowed && !writesNeed)
        {
            CheckAllowance(label, true, status, body);
        }
        else if (writeAllowed && (body?["errors"] is not null || Payloads.Refusals(body?["data"]).Count > 0 || status != 200))
        {
            Fail(label, $"expected success, got {status} {body?.ToJsonString()}");
        }
        if (written != (writesNeed && writeAllowed ? 1 : 0))
        {
            Fail(label, $"expected {(writesNeed && writeAllowed ? 1 : 0)} needs written, {written} were");
            _leaks += writeAllowed ? 0 : 1;
        }
        if (!writeAllowed && await CountAsync("whistle_history") != historyBefore)
        {
            _leaks++;
            Fail(label, "LEAK: a refused mutation moved a whistle");
        }
        if (body is not null)
        {
            CheckNoLeak(label, p, body);
        }
        await host.ExecuteSqlAsync($"DELETE FROM need_history WHERE need_id > {_seeded.Max(s => s.Need.Id)}; DELETE FROM needs WHERE id > {_seeded.Max(s => s.Need.Id)}");
    }

    /// <summary>
    /// One socket per persona: every subscription field (for its own and a foreign jurisdiction where the sample takes one),
    /// then fresh needs in both streets, whistles to two departments and a consultation join; each subscription must be
    /// refused or accepted as the oracle says and receive exactly the events in scope.
    /// </summary>
    private async Task SubscriptionCasesAsync(Persona p, IReadOnlyList<string> fields)
    {
        var subscriptions = new List<(string Id, string Field, string? Target, bool Allowed)>();
        foreach (var field in fields)
        {
            if (!SampleOperations.All.TryGetValue("subscription." + field, out var sample))
            {
                continue;
            }
            var groupAllowed = RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOf("subscription", field));
            var targets = sample.Contains("{jurisdiction}", StringComparison.Ordinal) ? new[] { Jiangdong, Choucheng } : new string?[] { null };
            foreach (var target in targets)
            {
                var aggregate = RoleRights.GroupOf("subscription", field) == FieldGroup.Aggregates;
                var allowed = groupAllowed && (target is null
                        || (aggregate ? (IsWeather(field) && SeesPublicWeather(p)) || MayWatchAggregates(p, target) : MayWatch(p, target)))
                    && (!sample.Contains("{consultation}", StringComparison.Ordinal) || SeesPlace(p, _consultationPath));
                subscriptions.Add(($"{field}@{target ?? "-"}", field, target, allowed));
            }
        }
        _cases += subscriptions.Count;
        // Without a token the socket is the public's: acknowledged, and each subscription allowed or refused by the table.
        await using var ws = await WsClient.ConnectAsync(host.WebSocketUrl, p.Token is null ? null : new { authorization = "Bearer " + p.Token });
        var ack = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (ack?["type"]?.GetValue<string>() != "connection_ack")
        {
            Fail($"{p.Name} subscriptions", $"expected connection_ack, got {ack?.ToJsonString()} / {ws.CloseStatus}");
            return;
        }
        var needHub = host.Service<NeedChangeHub>();
        var needSubscribers = needHub.SubscriberCount;
        foreach (var s in subscriptions)
        {
            var query = SampleOperations.All["subscription." + s.Field].Replace("{jurisdiction}", s.Target ?? "", StringComparison.Ordinal)
                .Replace("{consultation}", _consultationId, StringComparison.Ordinal).Replace("{whistle}", _whistle.Id, StringComparison.Ordinal);
            await ws.SendAsync(new { id = s.Id, type = "subscribe", payload = new { query } });
        }
        var received = new List<JsonObject>();
        async Task DrainAsync(TimeSpan quiet)
        {
            while (await ws.ReceiveAsync(quiet) is { } message)
            {
                received.Add(message);
            }
        }
        await DrainAsync(TimeSpan.FromMilliseconds(400));
        for (var i = 0; i < 200 && subscriptions.Any(s => s.Field == "needChanged" && s.Allowed) && needHub.SubscriberCount <= needSubscribers; i++)
        {
            await Task.Delay(25);
        }

        var lastNeed = _seeded.Max(s => s.Need.Id);
        var fresh = new List<Seeded>
        {
            new(await TestNeeds.AddAsync(host, "江东新的噪音 13811112222", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), reporter: "x"), "江东新的噪音 13811112222"),
            new(await TestNeeds.AddAsync(host, "稠城新的需求 13833334444", "noise", TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity), channel: "app",
                reporter: ReporterKeys.ForSubject("alice")), "稠城新的需求 13833334444"),
        };
        var whistles = new[] { await BlowAsync(fresh[0].Need, OwnDepartment), await BlowAsync(fresh[1].Need, ForeignDepartment) };
        await AdminAsync($$"""mutation { joinConsultation(input: { consultationId: "{{_consultationId}}", name: "矩阵居民", role: RESIDENT }) { participant { id } errors { __typename ... on Error { code message } } } }""");
        await DrainAsync(TimeSpan.FromMilliseconds(1500));

        foreach (var s in subscriptions)
        {
            var label = $"{p.Name} subscription.{s.Id}";
            var mine = received.Where(m => m["id"]?.GetValue<string>() == s.Id).ToList();
            // Refused before execution: an error message; refused while setting up the stream: a next with errors.
            var error = mine.FirstOrDefault(m => m["type"]?.GetValue<string>() == "error") ?? mine.FirstOrDefault(m => m["payload"]?["errors"] is JsonArray);
            var code = (error?["payload"] as JsonArray ?? error?["payload"]?["errors"] as JsonArray)?[0]?["extensions"]?["code"]?.GetValue<string>();
            var refused = code is "FORBIDDEN" or "AUTH_REQUIRED" or "NOT_FOUND";
            if (s.Allowed == refused)
            {
                Fail(label, s.Allowed ? $"expected accepted, got {error?.ToJsonString()}" : $"expected refused at subscribe time, got {(mine.Count == 0 ? "nothing" : mine[0].ToJsonString())}");
            }
            var events = mine.Where(m => m["type"]?.GetValue<string>() == "next").Select(m => m["payload"]?["data"]?[s.Field]).OfType<JsonNode>().ToList();
            if (!s.Allowed && events.Count > 0)
            {
                _leaks++;
                Fail(label, $"LEAK: {events.Count} events on a refused subscription");
            }
            foreach (var message in mine)
            {
                CheckNoLeak(label, p, message, fresh, whistles);
            }
            if (!s.Allowed)
            {
                continue;
            }
            switch (s.Field)
            {
                case "needChanged":
                    ExpectEvents(label, events.Select(e => e["need"]?["id"]?.GetValue<string>()),
                        fresh.Select(f => (NeedId(f.Need), Sees(p, f.Need))));
                    break;
                case "whistleChanged":
                    ExpectEvents(label, events.Select(e => e["id"]?.GetValue<string>()),
                        whistles.Select(w => (w.Id, SeesWhistle(p, w) && w.SubjectPath.StartsWith(PathOf(s.Target!), StringComparison.Ordinal))));
                    break;
                case "consultationActivity":
                    ExpectEvents(label, events.Select(e => e["consultation"]?["id"]?.GetValue<string>()).Distinct(), [(_consultationId, true)]);
                    break;
                case "cellChanged" or "warningRaised":
                    foreach (var code2 in events.Select(e => e["jurisdictionCode"]?.GetValue<string>()))
                    {
                        if (!SeesPublicWeather(p) && !SeesAggregatePlace(p, code2 is null ? null : PathOf(code2)))
                        {
                            _leaks++;
                            Fail(label, $"LEAK: an event in {code2 ?? "the whole city"}");
                        }
                    }
                    break;
            }
        }
        await host.ExecuteSqlAsync("DELETE FROM whistle_history WHERE whistle_id > 1; DELETE FROM whistle_needs WHERE whistle_id > 1; "
            + "DELETE FROM whistle_departments WHERE whistle_id > 1; DELETE FROM whistles WHERE id > 1; "
            // The participants subscribers added, not the one seeded with its post and proposal (a node to try).
            + $"DELETE FROM consultation_participants WHERE id > {GlobalId.Decode(_participantId).Key};"
            + $"DELETE FROM need_history WHERE need_id > {lastNeed}; DELETE FROM needs WHERE id > {lastNeed}");
    }

    private void ExpectEvents(string label, IEnumerable<string?> got, IEnumerable<(string Id, bool Expected)> cases)
    {
        var ids = got.OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (id, expected) in cases)
        {
            if (ids.Contains(id) && !expected)
            {
                _leaks++;
                Fail(label, $"LEAK: an event for {id}, outside the scope");
            }
            else if (!ids.Contains(id) && expected)
            {
                Fail(label, $"missing the event for {id}, within the scope");
            }
        }
    }

    /// <summary>
    /// Every /tiles route: allowed or refused by role, and for the tile holding each seeded need, a tile with features
    /// only when the persona may see a need in it (PostGIS answers 204 for an empty tile).
    /// </summary>
    private async Task RouteCasesAsync(Persona p)
    {
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => RoleRights.GroupOfRoute(r.Replace("{code}", "app", StringComparison.Ordinal)) != FieldGroup.None)
            .Distinct();
        foreach (var route in routes)
        {
            if (route.StartsWith("/export/", StringComparison.Ordinal))
            {
                await ExportRouteCaseAsync(p, route.Replace("{format}", "csv", StringComparison.Ordinal));
                continue;
            }
            foreach (var seeded in _seeded)
            {
                _cases++;
                var (x, y) = TileOf(seeded.Need.Location.X, seeded.Need.Location.Y, 15);
                var path = route.Replace("{code}", "app", StringComparison.Ordinal).Replace("{z}", "15", StringComparison.Ordinal)
                    .Replace("{x}", x.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{y}", y.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                path = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "1");
                if (path.Contains("/cells/", StringComparison.Ordinal))
                {
                    path += "?resolution=R100&lastDay=2026-06-02&days=30";
                }
                using var client = host.CreateClient();
                if (p.Token is not null)
                {
                    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", p.Token);
                }
                var response = await client.GetAsync(path);
                var label = $"{p.Name} GET {path}";
                var allowed = RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOfRoute(path));
                var status = (int)response.StatusCode;
                var refused = status is 401 or 403;
                if (allowed == refused || status >= 500)
                {
                    Fail(label, $"expected {(allowed ? "allowed" : "401/403")}, got {status}");
                    continue;
                }
                if (!allowed || !path.StartsWith("/tiles/", StringComparison.Ordinal))
                {
                    continue; // other guarded routes (the classifier's training-set upload, a POST) are checked for the refusal alone
                }
                var bytes = await response.Content.ReadAsByteArrayAsync();
                var inTile = _seeded.Where(s => TileOf(s.Need.Location.X, s.Need.Location.Y, 15) == (x, y)).ToList();
                // 100 m cells are finer than the public weather, which residents see too: refused, which shows nothing.
                var publicWeather = path.Contains("/cells/", StringComparison.Ordinal) && SeesPublicWeather(p);
                var expected = !publicWeather && inTile.Any(s => Sees(p, s.Need));
                var hasFeatures = status == 200 && bytes.Length > 0;
                if (hasFeatures && !expected)
                {
                    _leaks++;
                    Fail(label, $"LEAK: a tile with {bytes.Length} bytes where the persona may see no need");
                }
                else if (!hasFeatures && expected)
                {
                    Fail(label, $"expected the tile to hold the persona's needs, got {status} with {bytes.Length} bytes");
                }
                foreach (var s in _seeded.Where(s => !Sees(p, s.Need)))
                {
                    if (System.Text.Encoding.UTF8.GetString(bytes).Contains(s.RawText, StringComparison.Ordinal))
                    {
                        _leaks++;
                        Fail(label, $"LEAK: text of need {s.Need.Id}");
                    }
                }
            }
        }
    }

    /// <summary>An /export route: allowed or refused by role; an allowed export holds no text of a need the persona may not see.</summary>
    private async Task ExportRouteCaseAsync(Persona p, string path)
    {
        _cases++;
        using var client = host.CreateClient();
        if (p.Token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", p.Token);
        }
        // R500: the finest grid the public may have (PublicCells), so every role that may export cells gets them.
        var query = path.Contains("/cells.", StringComparison.Ordinal) ? "?resolution=R500&lastDay=2026-06-02&days=30" : "";
        var response = await client.GetAsync(path + query);
        var label = $"{p.Name} GET {path}";
        var allowed = RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOfRoute(path));
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (allowed ? status != 200 : status is not (401 or 403))
        {
            Fail(label, $"expected {(allowed ? "200" : "401/403")}, got {status}");
            return;
        }
        foreach (var s in _seeded.Where(s => !Sees(p, s.Need)))
        {
            if (body.Contains(s.RawText, StringComparison.Ordinal))
            {
                _leaks++;
                Fail(label, $"LEAK: text of need {s.Need.Id}");
            }
        }
    }

    private static (int X, int Y) TileOf(double longitude, double latitude, int zoom)
    {
        var n = 1 << zoom;
        var x = (int)Math.Floor((longitude + 180) / 360 * n);
        var rad = latitude * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return (x, y);
    }

    /// <summary>
    /// Channel inboxes take the channel's own key only: none, a wrong one, another channel's, or a person's bearer token
    /// is 401 and writes nothing; the right key gets past the door (then the channel's plugin decides).
    /// </summary>
    private async Task InboxCasesAsync()
    {
        var admin = host.Token(RoleRights.CityAdmin, subject: "matrix-admin");
        var integrator = host.Token(RoleRights.ChannelIntegrator, channel: "12345");
        foreach (var (code, key) in SecuredKestrelHost.ChannelKeys)
        {
            var other = SecuredKestrelHost.ChannelKeys.First(k => k.Key != code).Value;
            var cases = new (string Name, string? Key, string? Bearer, bool Passes)[]
            {
                ("no key", null, null, false),
                ("a wrong key", "wrong-" + key, null, false),
                ("another channel's key", other, null, false),
                ("the key in upper case", key.ToUpperInvariant(), null, false),
                ("the administrator's bearer token", null, admin, false),
                ("the integrator's bearer token", null, integrator, false),
                ("the channel's key", key, null, true),
            };
            foreach (var c in cases)
            {
                _cases++;
                var label = $"POST /channels/{code}/inbox with {c.Name}";
                var before = await CountAsync("needs");
                var quarantinedBefore = await CountAsync("quarantined_records");
                using var client = host.CreateClient();
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/{code}/inbox")
                {
                    Content = new StringContent("""{"id":"matrix-1","content":"楼下噪音 13812345678","lng":120.1,"lat":29.3}""", System.Text.Encoding.UTF8, "application/json"),
                };
                if (c.Key is not null)
                {
                    request.Headers.Add("X-Channel-Key", c.Key);
                }
                if (c.Bearer is not null)
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", c.Bearer);
                }
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status >= 500 || (c.Passes ? status == 401 : status != 401))
                {
                    Fail(label, $"expected {(c.Passes ? "past the key check" : "401")}, got {status}");
                }
                if (!c.Passes && (await CountAsync("needs") != before || await CountAsync("quarantined_records") != quarantinedBefore))
                {
                    _leaks++;
                    Fail(label, "LEAK: a refused push wrote something");
                }
            }
        }
        await host.ExecuteSqlAsync($"DELETE FROM need_history WHERE need_id > {_seeded.Max(s => s.Need.Id)}; DELETE FROM needs WHERE id > {_seeded.Max(s => s.Need.Id)}; DELETE FROM quarantined_records");
    }

    private bool CheckAllowance(string label, bool allowed, int status, JsonObject? body)
    {
        var code = Code(body);
        if (allowed)
        {
            // Allowed means the authorization let it through: a domain error (NOT_FOUND for an id of nothing) still proves that.
            if (code is "FORBIDDEN" or "AUTH_REQUIRED" || status is 401 or 403 || status >= 500 || (status >= 400 && code is null)
                || (body?["data"] is null && code is null))
            {
                Fail(label, $"expected allowed, got {status} {body?.ToJsonString()}");
                return false;
            }
            return true;
        }
        if (code is not ("FORBIDDEN" or "AUTH_REQUIRED") || status is not (401 or 403) || body?["data"] is JsonObject)
        {
            Fail(label, $"expected refused (401/403 with FORBIDDEN or AUTH_REQUIRED), got {status} {body?.ToJsonString()}");
        }
        return true;
    }

    private void CheckNoLeak(string label, Persona p, JsonObject body, IEnumerable<Seeded>? extra = null, IEnumerable<SeededWhistle>? whistles = null)
    {
        var text = body.ToJsonString(NeedsMapHost.Json);
        foreach (var w in (whistles ?? []).Append(_whistle).Where(w => !SeesWhistle(p, w)))
        {
            if (text.Contains('"' + w.Id + '"', StringComparison.Ordinal) && !label.Contains("mutation.", StringComparison.Ordinal))
            {
                _leaks++;
                Fail(label, $"LEAK: whistle {w.Id} ({w.Department}) is in the answer");
            }
        }
        foreach (var s in _seeded.Concat(extra ?? []).Where(s => !Sees(p, s.Need)))
        {
            var id = GlobalId.Encode("Need", s.Need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (text.Contains('"' + id + '"', StringComparison.Ordinal) || text.Contains(PersonalDataMask.Scrub(s.RawText), StringComparison.Ordinal))
            {
                _leaks++;
                Fail(label, $"LEAK: need {s.Need.Id} ({s.Need.JurisdictionCode}, {s.Need.ChannelCode}) is in the answer");
            }
        }
        if (!RoleRights.For(p.Role).PersonalData)
        {
            foreach (var phone in System.Text.RegularExpressions.Regex.Matches(text, @"1[3-9]\d{9}").Select(m => m.Value))
            {
                _leaks++;
                Fail(label, $"LEAK: unmasked phone number {phone[..3]}… for a role without personal data");
            }
        }
    }

    // A scope refusal of a permitted role is a typed error in the mutation's payload (OutOfScopeError, code FORBIDDEN).
    private static string? Code(JsonObject? body) => Payloads.Code(body);

    private void Fail(string label, string message) => _failures.Add($"{label}: {message}");

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    internal static string SchemaRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "schema.graphql")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("No schema.graphql above the test binaries.");
    }
}
