using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Common.Errors;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// warningsConnection, auditLogConnection and classifierModelsConnection, through real tokens: pages that add up to the
/// deprecated list, a totalCount of exactly what the caller is shown (the public's warnings counted after the small-group
/// and 500 m rules, in the query), and the admin-only ones refused to everyone else.
/// </summary>
public sealed class MoreListConnectionTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    // What the public is shown of these six (minimum public group 5): the 500 m and 1 km cells and the jurisdiction.
    private static readonly (WarningScope Scope, string Key, int Observed, bool Public)[] Warnings =
    [
        (WarningScope.Cell, "r250:10:-3", 10, false),
        (WarningScope.Cell, "r500:4:-1", 10, true),
        (WarningScope.Cell, "r500:5:-1", 2, false),
        (WarningScope.Jurisdiction, TestNeeds.Jimingshan, 7, true),
        (WarningScope.Category, "noise", 3, false),
        (WarningScope.Cell, "r1000:2:0", 6, true),
    ];

    public async Task InitializeAsync()
    {
        await host.ExecuteSqlAsync("TRUNCATE demand_warnings RESTART IDENTITY CASCADE; TRUNCATE audit_log RESTART IDENTITY");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var path = host.Service<NeedsMap.Api.Reference.ReferenceData>().Current.FindJurisdiction(TestNeeds.Jimingshan)!.Path;
        var day = new DateOnly(2026, 6, 1);
        db.Set<DemandWarning>().AddRange(Warnings.Select((w, i) => new DemandWarning
        {
            Kind = WarningKind.Surge, Scope = w.Scope, ScopeKey = w.Key, CategoryCode = "noise", JurisdictionCode = TestNeeds.Jimingshan,
            JurisdictionPath = path, WindowStart = day, WindowEnd = day.AddDays(6), Observed = w.Observed, Expected = 1, PValue = 0.001,
            Test = "poisson", Evidence = """{"windowCounts":[1,2,9]}""", RaisedAt = TestNeeds.BaseTime.AddHours(i),
        }));
        await db.SaveChangesAsync();
        for (var i = 0; i < 3; i++)
        {
            await host.ExecuteSqlAsync($"INSERT INTO audit_log (at, actor, role, fields, action) VALUES ('2026-06-0{i + 1}T00:00:00Z', 'city_admin:alice', 'city_admin', 'contact', 'personal_data_read')");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    private Task<JsonNode> OkAsync(string query, object? variables, string? token) => host.GraphQLDataAsync(query, variables, token);

    [Fact]
    public async Task The_public_pages_and_counts_only_the_warnings_it_is_shown_and_the_administrator_all_of_them()
    {
        const string Page = "query($after: String) { warningsConnection(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id observed } } }";
        var first = (await OkAsync(Page, null, null))["warningsConnection"]!;
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        var rest = (await OkAsync(Page, new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, null))["warningsConnection"]!;
        Assert.False(rest["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var paged = first["nodes"]!.AsArray().Concat(rest["nodes"]!.AsArray()).Select(n => n!["id"]!.GetValue<string>()).ToList();
        var list = (await OkAsync("{ warnings { id } }", null, null))["warnings"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(list.Order(StringComparer.Ordinal), paged.Order(StringComparer.Ordinal));
        Assert.Equal(3, list.Count);
        Assert.Equal(6, (await OkAsync("{ warningsConnection(first: 10) { totalCount } }", null, Admin))["warningsConnection"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public void The_public_rule_in_the_query_and_in_memory_agree()
    {
        var inQuery = PublicWarnings.ShownToPublic(5).Compile();
        foreach (var (scope, key, observed, shown) in Warnings.Concat([(WarningScope.Cell, "r2500:0:0", 5, true), (WarningScope.Cell, "r100:0:0", 50, false)]))
        {
            var warning = new DemandWarning { Scope = scope, ScopeKey = key, Observed = observed, Test = "poisson", Evidence = "{}" };
            Assert.Equal(shown, PublicWarnings.Shows(warning, 5));
            Assert.Equal(shown, inQuery(warning));
        }
    }

    [Fact]
    public async Task Audit_log_pages_add_up_to_the_list_for_the_administrator_and_are_refused_to_everyone_else()
    {
        const string Page = "query($after: String) { auditLogConnection(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { at } } }";
        var first = (await OkAsync(Page, null, Admin))["auditLogConnection"]!;
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        var rest = (await OkAsync(Page, new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, Admin))["auditLogConnection"]!;
        var paged = first["nodes"]!.AsArray().Concat(rest["nodes"]!.AsArray()).Select(n => n!["at"]!.GetValue<string>()).ToList();
        var list = (await OkAsync("{ auditLog(first: 10) { at } }", null, Admin))["auditLog"]!.AsArray().Select(n => n!["at"]!.GetValue<string>()).ToList();
        Assert.Equal(list, paged);
        foreach (var (token, code) in new[] { (host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong), "FORBIDDEN"), ((string?)null, "AUTH_REQUIRED") })
        {
            var refused = await host.GraphQLAsync("{ auditLogConnection(first: 10) { totalCount } }", token: token);
            Assert.Equal(code, refused["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
            Assert.Null(refused["data"]);
        }
    }

    [Fact]
    public async Task Classifier_models_connection_holds_the_list()
    {
        var page = (await OkAsync("{ classifierModelsConnection(first: 10) { totalCount nodes { version } } }", null, Admin))["classifierModelsConnection"]!;
        var list = (await OkAsync("{ classifierModels { version } }", null, Admin))["classifierModels"]!.AsArray().Select(n => n!["version"]!.GetValue<string>());
        Assert.Equal(list, page["nodes"]!.AsArray().Select(n => n!["version"]!.GetValue<string>()));
        Assert.Equal(list.Count(), page["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public void List_pages_go_both_ways_and_refuse_a_cursor_they_did_not_issue()
    {
        string[] items = ["a", "b", "c", "d", "e"];
        var first = ListPaging.Page(items, s => s, new PageRequest(2, false, null));
        Assert.Equal(["a", "b"], first.Nodes);
        Assert.True(first.PageInfo.HasNextPage);
        var next = ListPaging.Page(items, s => s, new PageRequest(2, false, first.PageInfo.EndCursor));
        Assert.Equal(["c", "d"], next.Nodes);
        var back = ListPaging.Page(items, s => s, new PageRequest(2, true, next.PageInfo.StartCursor));
        Assert.Equal(["a", "b"], back.Nodes);
        Assert.False(back.PageInfo.HasPreviousPage);
        var last = ListPaging.Page(items, s => s, new PageRequest(2, false, next.PageInfo.EndCursor));
        Assert.Equal(["e"], last.Nodes);
        Assert.False(last.PageInfo.HasNextPage);
        var error = Assert.Throws<DomainException>(() => ListPaging.Page(items, s => s, new PageRequest(2, false, GlobalId.Encode("ListCursor", "z"))));
        Assert.Equal(ErrorCodes.InvalidCursor, error.Code);
    }
}
