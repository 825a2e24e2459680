using System.Text.Json.Nodes;
using GraphQL.Types;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Security;

public sealed class SecuredKestrelHost : SecuredHost
{
    protected override bool UseRealSockets => true;

    public Uri WebSocketUrl => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First()
        .Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/graphql");
}

/// <summary>
/// Every root field of the schema (and every /tiles and /channels/{code}/inbox route, when present) × every role ×
/// own and foreign jurisdiction, with expectations derived from <see cref="RoleRights"/>: allowed or refused, the
/// records filtered to the role's scope, and no foreign need (its id or its text) in any answer.
/// </summary>
public sealed class AuthorizationMatrixTests(SecuredKestrelHost host, ITestOutputHelper output) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    private const string Jiangdong = TestNeeds.Jiangdong;
    private const string Choucheng = TestNeeds.Choucheng;
    private readonly List<string> _failures = [];
    private int _cases;
    private int _leaks;

    private sealed record Persona(string Name, string Role, string? Jurisdiction, string? Token, string Subject = "alice", string? Channel = null);

    private sealed record Seeded(Need Need, string RawText);

    private List<Seeded> _seeded = [];

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        _seeded =
        [
            await SeedAsync("江东工地半夜打桩，电话13812345678", TestNeeds.Jimingshan, "12345", "other-1"),
            await SeedAsync("稠城路灯坏了，我叫王小明，13987654321", TestNeeds.ChouchengFirstCommunity, "12345", "other-2"),
            await SeedAsync("我家楼下垃圾没人收，0579-85123456", TestNeeds.ChouchengFirstCommunity, "app", ReporterKeys.ForSubject("alice")),
        ];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Seeded> SeedAsync(string text, string community, string channel, string reporter)
    {
        var need = await TestNeeds.AddAsync(host, text, "noise", TestNeeds.InteriorOf(host, community), channel: channel, reporter: reporter);
        return new Seeded(need, text);
    }

    private IEnumerable<Persona> Personas()
    {
        yield return new Persona("anonymous", RoleRights.Public, null, null);
        foreach (var right in RoleRights.All)
        {
            foreach (var jurisdiction in new[] { Jiangdong, Choucheng })
            {
                var channel = right.Role == RoleRights.ChannelIntegrator ? "app" : null;
                yield return new Persona($"{right.Role}@{jurisdiction}", right.Role, jurisdiction,
                    host.Token(right.Role, jurisdiction, "alice", channel), "alice", channel);
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
            DataScope.Subtree => need.JurisdictionPath.StartsWith(
                host.Service<ReferenceData>().Current.FindJurisdiction(p.Jurisdiction!)!.Path, StringComparison.Ordinal),
            DataScope.OwnRecords when p.Role == RoleRights.ChannelIntegrator => need.ChannelCode == p.Channel,
            DataScope.OwnRecords => need.ReporterKey == ReporterKeys.ForSubject(p.Subject),
            _ => false,
        };
    }

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

    [Fact]
    public void Every_root_field_has_a_sample_operation()
    {
        var missing = RootFields(host.Service<ISchema>()).Select(f => $"{f.Type}.{f.Field}").Where(k => !SampleOperations.All.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Add a sample operation to Security/SampleOperations.cs for: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_README_roles_table_is_the_RoleRights_table()
    {
        var path = Path.Combine(SchemaRoot(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        const string begin = "<!-- roles:begin (generated from Security/RoleRights.cs) -->\n", end = "\n<!-- roles:end -->";
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
        var fields = RootFields(host.Service<ISchema>()).ToList();
        foreach (var persona in Personas())
        {
            foreach (var (type, field) in fields)
            {
                if (!SampleOperations.All.TryGetValue($"{type}.{field}", out var sample))
                {
                    continue;
                }
                switch (type)
                {
                    case "subscription":
                        await SubscriptionCaseAsync(persona, field, sample);
                        break;
                    case "mutation":
                        await MutationCaseAsync(persona, field, sample, Jiangdong);
                        await MutationCaseAsync(persona, field, sample, Choucheng);
                        break;
                    default:
                        if (sample.Contains("{foreign}", StringComparison.Ordinal))
                        {
                            foreach (var seeded in _seeded)
                            {
                                await QueryCaseAsync(persona, field, sample.Replace("{foreign}", GlobalId.Encode("Need", seeded.Need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal), seeded);
                            }
                        }
                        else
                        {
                            await QueryCaseAsync(persona, field, sample, null);
                        }
                        break;
                }
            }
            await RouteCasesAsync(persona);
        }
        output.WriteLine($"authorization matrix: {_cases} cases, {_leaks} leaks, {_failures.Count} failures");
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "needsmap-authz-matrix.txt"), $"{_cases} cases, {_leaks} leaks, {_failures.Count} failures\n" + string.Join('\n', _failures));
        Assert.True(_failures.Count == 0, string.Join('\n', _failures.Take(40)));
    }

    private async Task QueryCaseAsync(Persona p, string field, string query, Seeded? target)
    {
        _cases++;
        var allowed = RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOf("query", field));
        var (status, body, _) = await host.PostAsync(query, token: p.Token);
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
    }

    private async Task MutationCaseAsync(Persona p, string field, string sample, string target)
    {
        _cases++;
        var right = RoleRights.For(p.Role);
        var community = target == Jiangdong ? TestNeeds.Jimingshan : TestNeeds.ChouchengFirstCommunity;
        var at = TestNeeds.InteriorOf(host, community);
        var query = sample.Replace("{lon}", at.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{lat}", at.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var groupAllowed = right.Groups.HasFlag(RoleRights.GroupOf("mutation", field));
        // submitNeed writes a need in the target jurisdiction; other mutations are allowed by their group alone.
        var writesNeed = field == "submitNeed";
        var writeAllowed = groupAllowed && (!writesNeed || right.Scope switch
        {
            DataScope.City => true,
            DataScope.Subtree => p.Jurisdiction == target,
            DataScope.OwnRecords => true, // residents anywhere; the integrator's channel is the sample's (app)
            _ => false,
        });
        var before = await CountNeedsAsync();
        var (status, body, _) = await host.PostAsync(query, token: p.Token);
        var label = $"{p.Name} mutation.{field} in {target}";
        var written = await CountNeedsAsync() - before;
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
        else if (writeAllowed && (body?["errors"] is not null || status != 200))
        {
            Fail(label, $"expected success, got {status} {body?.ToJsonString()}");
        }
        if (written != (writesNeed && writeAllowed ? 1 : 0))
        {
            Fail(label, $"expected {(writesNeed && writeAllowed ? 1 : 0)} needs written, {written} were");
            _leaks += writeAllowed ? 0 : 1;
        }
        if (body is not null)
        {
            CheckNoLeak(label, p, body);
        }
        await host.ExecuteSqlAsync($"DELETE FROM need_history WHERE need_id > {_seeded.Max(s => s.Need.Id)}; DELETE FROM needs WHERE id > {_seeded.Max(s => s.Need.Id)}");
    }

    private async Task SubscriptionCaseAsync(Persona p, string field, string query)
    {
        _cases++;
        var label = $"{p.Name} subscription.{field}";
        var allowed = RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOf("subscription", field));
        await using var ws = await WsClient.ConnectAsync(host.WebSocketUrl, p.Token is null ? null : new { authorization = "Bearer " + p.Token });
        var ack = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (p.Token is null)
        {
            if (ack is not null || (int?)ws.CloseStatus != 4403)
            {
                Fail(label, $"expected close 4403 without a token, got {ack?.ToJsonString()} / {ws.CloseStatus}");
            }
            return;
        }
        if (ack?["type"]?.GetValue<string>() != "connection_ack")
        {
            Fail(label, $"expected connection_ack, got {ack?.ToJsonString()} / {ws.CloseStatus}");
            return;
        }
        var hub = host.Service<NeedChangeHub>();
        var subscribers = hub.SubscriberCount;
        await ws.SendAsync(new { id = "1", type = "subscribe", payload = new { query } });
        if (!allowed)
        {
            var refusal = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            var code = refusal?["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>();
            if (refusal?["type"]?.GetValue<string>() != "error" || code is not ("FORBIDDEN" or "AUTH_REQUIRED"))
            {
                Fail(label, $"expected an error message with FORBIDDEN, got {refusal?.ToJsonString()}");
            }
            return;
        }
        if (field != "needChanged")
        {
            // Other subscriptions carry no needs: allowed is enough once the subscribe drew no refusal.
            var first = await ws.ReceiveAsync(TimeSpan.FromSeconds(1));
            if (first?["type"]?.GetValue<string>() == "error"
                && first["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>() is "FORBIDDEN" or "AUTH_REQUIRED")
            {
                Fail(label, $"expected allowed, got {first.ToJsonString()}");
            }
            return;
        }
        for (var i = 0; i < 200 && hub.SubscriberCount <= subscribers; i++)
        {
            await Task.Delay(25);
        }
        var fresh = new List<Seeded>
        {
            new(await TestNeeds.AddAsync(host, "江东新的噪音 13811112222", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), reporter: "x"), "江东新的噪音 13811112222"),
            new(await TestNeeds.AddAsync(host, "稠城新的需求 13833334444", "noise", TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity), channel: "app",
                reporter: ReporterKeys.ForSubject("alice")), "稠城新的需求 13833334444"),
        };
        var expected = fresh.Where(f => Sees(p, f.Need)).Select(f => GlobalId.Encode("Need", f.Need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();
        var received = new List<JsonObject>();
        var deadline = DateTime.UtcNow.AddSeconds(expected.Count == 0 ? 1.5 : 10);
        while (DateTime.UtcNow < deadline)
        {
            var message = await ws.ReceiveAsync(TimeSpan.FromMilliseconds(300));
            if (message is not null)
            {
                received.Add(message);
            }
            else if (received.Count >= expected.Count && expected.Count > 0)
            {
                break;
            }
        }
        var ids = received.Select(m => m["payload"]?["data"]?[field]?["need"]?["id"]?.GetValue<string>()).OfType<string>().ToHashSet();
        foreach (var f in fresh)
        {
            var id = GlobalId.Encode("Need", f.Need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (ids.Contains(id) && !expected.Contains(id))
            {
                _leaks++;
                Fail(label, $"LEAK: event for need {f.Need.Id} ({f.Need.JurisdictionCode}) outside the scope");
            }
            if (!ids.Contains(id) && expected.Contains(id))
            {
                Fail(label, $"missing event for need {f.Need.Id} within the scope");
            }
        }
        foreach (var message in received)
        {
            CheckNoLeak(label, p, message, fresh);
        }
        await host.ExecuteSqlAsync($"DELETE FROM need_history WHERE need_id > {_seeded.Max(s => s.Need.Id)}; DELETE FROM needs WHERE id > {_seeded.Max(s => s.Need.Id)}");
    }

    private async Task RouteCasesAsync(Persona p)
    {
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => RoleRights.GroupOfRoute(r.Replace("{code}", "app", StringComparison.Ordinal)) != FieldGroup.None)
            .Distinct();
        foreach (var route in routes)
        {
            _cases++;
            var path = System.Text.RegularExpressions.Regex.Replace(route.Replace("{code}", "app", StringComparison.Ordinal), @"\{[^}]+\}", "1");
            using var client = host.CreateClient();
            if (p.Token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", p.Token);
            }
            var response = await client.GetAsync(path);
            var allowed = RoleRights.For(p.Role).Groups.HasFlag(RoleRights.GroupOfRoute(path));
            var refused = (int)response.StatusCode is 401 or 403;
            if (allowed == refused || (int)response.StatusCode >= 500)
            {
                Fail($"{p.Name} GET {path}", $"expected {(allowed ? "allowed" : "401/403")}, got {(int)response.StatusCode}");
            }
            var text = await response.Content.ReadAsStringAsync();
            foreach (var s in _seeded.Where(s => !Sees(p, s.Need)))
            {
                if (text.Contains(s.RawText, StringComparison.Ordinal))
                {
                    _leaks++;
                    Fail($"{p.Name} GET {path}", $"LEAK: text of need {s.Need.Id}");
                }
            }
        }
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

    private void CheckNoLeak(string label, Persona p, JsonObject body, IEnumerable<Seeded>? extra = null)
    {
        var text = body.ToJsonString(NeedsMapHost.Json);
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

    private static string? Code(JsonObject? body) => body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    private void Fail(string label, string message) => _failures.Add($"{label}: {message}");

    private async Task<long> CountNeedsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM needs", connection);
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
