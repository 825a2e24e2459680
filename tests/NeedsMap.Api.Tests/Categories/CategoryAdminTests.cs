using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels.Faults;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Categories;

/// <summary>The city's taxonomy through the API: its own database, since merges and retirements change the categories.</summary>
public sealed class CategoryAdminHost : NeedsMapHost;

public sealed class CategoryAdminTests(CategoryAdminHost host) : IClassFixture<CategoryAdminHost>
{
    [Fact]
    public async Task A_city_category_is_added_renamed_moved_and_given_departments_and_the_audit_log_keeps_what_it_was()
    {
        var added = await host.GraphQLAsync("""
            mutation { addCategory(input: { code: "city.heating", name: "集中供暖", parentCode: "utilities", departments: ["housing"], weight: 1.5 }) { category {
              code name nameEn weight isStandard departments parent { code } } errors { __typename ... on Error { code message } } } }
            """);
        Assert.Null(added["errors"]);
        var category = added["data"]!["addCategory"]!["category"]!;
        Assert.Equal("集中供暖", category["nameEn"]!.GetValue<string>());
        Assert.False(category["isStandard"]!.GetValue<bool>());
        Assert.Equal("utilities", category["parent"]!["code"]!.GetValue<string>());
        var updated = await host.GraphQLAsync("""
            mutation { updateCategory(input: { code: "city.heating", name: "供暖", parentCode: "" }) { category { name parent { code } departments } errors { __typename ... on Error { code message } } } }
            """);
        Assert.Null(updated["errors"]);
        Assert.Equal("供暖", updated["data"]!["updateCategory"]!["category"]!["name"]!.GetValue<string>());
        Assert.Null(updated["data"]!["updateCategory"]!["category"]!["parent"]);
        Assert.Equal("housing", updated["data"]!["updateCategory"]!["category"]!["departments"]![0]!.GetValue<string>());
        Assert.Equal(2, await DerivedTables.ScalarAsync(host.ConnectionString,
            "SELECT count(*) FROM audit_log WHERE action = 'category_change' AND fields LIKE '%city.heating%'"));
        var refused = await host.GraphQLAsync("""mutation { addCategory(input: { code: "Bad Code", name: "x" }) { category { code } errors { __typename ... on Error { code message } } } }""");
        Assert.Equal("INVALID_INPUT", Payloads.Code(refused));
        var unknownDepartment = await host.GraphQLAsync("""mutation { updateCategory(input: { code: "city.heating", departments: ["no-such"] }) { category { code } errors { __typename ... on Error { code message } } } }""");
        Assert.Equal("UNKNOWN_DEPARTMENT", Payloads.Code(unknownDepartment));
    }

    [Fact]
    public async Task Merging_two_categories_moves_their_needs_and_rollups_as_a_rebuild_would()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        await host.GraphQLAsync("""mutation { addCategory(input: { code: "city.night-works", name: "夜间施工", parentCode: "noise" }) { category { code } errors { __typename ... on Error { code message } } } }""");
        for (var i = 0; i < 3; i++)
        {
            await TestNeeds.AddAsync(host, "夜间施工太吵", "city.night-works", at);
        }
        await TestNeeds.AddAsync(host, "工地噪音", "noise.construction", at);
        await DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        var merged = await host.GraphQLAsync("""
            mutation { mergeCategories(input: { from: "city.night-works", into: "noise.construction" }) { merge { movedNeeds into { code } } errors { __typename ... on Error { code message } } } }
            """);
        Assert.Null(merged["errors"]);
        Assert.Equal(3.0, merged["data"]!["mergeCategories"]!["merge"]!["movedNeeds"]!.GetValue<double>());
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs WHERE category_code = 'city.night-works'"));
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString,
            "SELECT coalesce(sum(records), 0) FROM key_matter_demand WHERE category_code = 'city.night-works'"));
        Assert.Equal(4, await DerivedTables.ScalarAsync(host.ConnectionString,
            "SELECT coalesce(sum(count), 0) FROM cell_demand WHERE category_code = 'noise.construction' AND resolution = (SELECT min(resolution) FROM cell_demand)"));
        Assert.Equal(3, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM need_history WHERE kind = 'recategorized'"));
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        var old = await host.GraphQLAsync("""{ category(code: "city.night-works") { retiredAt mergedInto } }""");
        Assert.Equal("noise.construction", old["data"]!["category"]!["mergedInto"]!.GetValue<string>());
        // A merged category is never given to a new need again.
        await using var scope = host.Services.CreateAsyncScope();
        var refused = await Assert.ThrowsAsync<NeedsMap.Api.Common.Errors.DomainException>(() => scope.ServiceProvider.GetRequiredService<NeedIngestion>().IngestAsync(
            new IncomingNeed("12345", "retired-1", 1, TestNeeds.BaseTime, "夜间施工", at, CoordinateSystem.Wgs84, null, "city.night-works", "test"),
            CancellationToken.None));
        Assert.Equal("UNKNOWN_CATEGORY", refused.Code);
    }

    [Fact]
    public async Task A_record_carrying_its_channels_own_label_gets_the_category_the_city_mapped_it_to()
    {
        var set = await host.GraphQLAsync("""
            mutation { setExternalLabel(input: { source: "12345", label: "城乡建设／噪声污染", categoryCode: "noise.construction" }) { externalLabel { source label category { code } } errors { __typename ... on Error { code message } } } }
            """);
        Assert.Null(set["errors"]);
        Assert.Equal("城乡建设/噪声污染", set["data"]!["setExternalLabel"]!["externalLabel"]!["label"]!.GetValue<string>());
        await host.GraphQLAsync("""mutation { setExternalLabel(input: { label: "市场监管", categoryCode: "other.general" }) { externalLabel { label } errors { __typename ... on Error { code message } } } }""");
        var list = await host.GraphQLAsync("""{ externalLabels { source label category { code } } }""");
        Assert.Equal(2, list["data"]!["externalLabels"]!.AsArray().Count);

        await using var scope = host.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<NeedIngestion>();
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        IncomingNeed Record(string id, string label) =>
            new("12345", id, 1, TestNeeds.BaseTime, "楼下菜市场的喇叭一直在响", at, CoordinateSystem.Wgs84, null, null, "test") { ChannelCategory = label };
        // The whole path, a deeper level than the table holds, and a top level mapped for every channel.
        Assert.Equal("noise.construction", (await ingestion.IngestAsync(Record("label-1", "城乡建设/噪声污染"), CancellationToken.None)).Need.CategoryCode);
        Assert.Equal("other.general", (await ingestion.IngestAsync(Record("label-2", "市场监管/价格投诉"), CancellationToken.None)).Need.CategoryCode);
        var removed = await host.GraphQLAsync("""mutation { removeExternalLabel(input: { source: "12345", label: "城乡建设/噪声污染" }) { removed errors { __typename ... on Error { code message } } } }""");
        Assert.True(removed["data"]!["removeExternalLabel"]!["removed"]!.GetValue<bool>());
    }
}

public sealed class CategoryAdminAccessTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    [Theory]
    [InlineData(RoleRights.StreetOfficer, TestNeeds.Jiangdong)]
    [InlineData(RoleRights.DepartmentStaff, null)]
    [InlineData(RoleRights.Resident, TestNeeds.Jimingshan)]
    [InlineData(RoleRights.Public, null)]
    public async Task Only_the_city_administrator_may_change_the_taxonomy(string role, string? jurisdiction)
    {
        var token = role == RoleRights.Public ? null : host.Token(role, jurisdiction, department: role == RoleRights.DepartmentStaff ? "environment" : null);
        foreach (var operation in new[]
        {
            """mutation { addCategory(input: { code: "x.y", name: "x" }) { category { code } errors { __typename ... on Error { code message } } } }""",
            """mutation { mergeCategories(input: { from: "noise.construction", into: "noise" }) { merge { movedNeeds } errors { __typename ... on Error { code message } } } }""",
            """mutation { setExternalLabel(input: { label: "x", categoryCode: "other" }) { externalLabel { label } errors { __typename ... on Error { code message } } } }""",
            """{ externalLabels { label } }""",
        })
        {
            var (_, body, _) = await host.PostAsync(operation, null, token);
            Assert.Contains(Payloads.Code(body), new[] { "FORBIDDEN", "AUTH_REQUIRED" });
        }
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM categories WHERE code = 'x.y' OR merged_into IS NOT NULL"));
    }
}
