using GraphQL.Types;
using GraphQLParser.AST;
using NeedsMap.Api.Cost;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Cost;

/// <summary>The cost model read from documents: what counts, what does not, and that every root field has a price.</summary>
public sealed class CostModelTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    private DocumentCost Measure(string document, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var parsed = GraphQLParser.Parser.Parse(document);
        var schema = host.Service<ISchema>();
        schema.Initialize();
        var cost = new DocumentCost(schema, parsed, variables);
        var operation = parsed.Definitions.OfType<GraphQLOperationDefinition>().First();
        Assert.True(cost.MeasureSize(operation));
        cost.Estimate(operation);
        return cost;
    }

    [Fact]
    public void Every_root_field_of_the_schema_has_its_own_line_in_the_cost_model()
    {
        var schema = host.Service<ISchema>();
        schema.Initialize();
        var missing = new[] { schema.Query, schema.Mutation, schema.Subscription }.OfType<IObjectGraphType>()
            .SelectMany(root => root.Fields.Select(f => (root.Name, f.Name)))
            .Where(f => !f.Item2.StartsWith("__", StringComparison.Ordinal) && !FieldCosts.IsListed(f.Item1, f.Item2))
            .Select(f => $"{f.Item1}.{f.Item2}")
            .ToList();
        Assert.True(missing.Count == 0, "Give these fields a cost in Cost/FieldCosts.cs: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_role_has_a_database_budget_within_the_administrators()
    {
        var admin = CostLimits.For(RoleRights.CityAdmin);
        foreach (var role in RoleRights.All)
        {
            var limit = Assert.Single(CostLimits.All, l => l.Role == role.Role);
            Assert.InRange(limit.RequestCost, 1, admin.RequestCost);
            Assert.InRange(limit.ExpensiveFields, 1, admin.ExpensiveFields);
            Assert.InRange(limit.RequestSeconds, 1, admin.RequestSeconds);
            Assert.InRange(limit.Concurrent, 1, admin.Concurrent);
        }
        Assert.True(CostLimits.For(RoleRights.Public).RequestCost < admin.RequestCost);
    }

    [Fact]
    public void Every_alias_of_an_aggregate_counts_and_reference_data_costs_nothing()
    {
        var three = Measure("{ a: needStats(groupBy: CHANNEL) { totalCount } b: needStats(groupBy: STATUS) { totalCount } c: keyMatters { cases } }");
        Assert.Equal(3, three.ExpensiveFields);
        Assert.Equal(FieldCosts.Units["Query.needStats"] * 2 + FieldCosts.Units["Query.keyMatters"], three.Units);
        Assert.Equal(0, Measure("{ a: categories { code } b: channels { code } c: jurisdictions { code name } }").Units);
    }

    [Fact]
    public void A_fragment_spread_twice_in_one_selection_counts_once_as_the_executor_runs_it_once()
    {
        var once = Measure("query { ...S } fragment S on Query { needStats(groupBy: CHANNEL) { totalCount } }");
        var twice = Measure("query { ...S ...S ... on Query { ...S } } fragment S on Query { needStats(groupBy: CHANNEL) { totalCount } }");
        Assert.Equal(once.Units, twice.Units);
        Assert.Equal(1, twice.ExpensiveFields);
    }

    [Fact]
    public void Text_and_spatial_filters_cost_more_than_codes_and_bigger_pages_more_than_small_ones()
    {
        int Units(string where) => Measure("query($w: NeedFilter) { needs(first: 10, where: $w) { edges { node { id } } } }",
            host.Service<GraphQL.IGraphQLTextSerializer>().Deserialize<GraphQL.Inputs>(where)).Units;
        var byCode = Units("""{"w":{"categoryIn":["noise"]}}""");
        var byText = Units("""{"w":{"textContains":"打桩"}}""");
        var byArea = Units("""{"w":{"within":{"type":"Polygon","coordinates":[[[120,29],[120.1,29],[120.1,29.1],[120,29]]]}}}""");
        var byBothInAnOr = Units("""{"w":{"or":[{"textContains":"打桩"},{"near":{"point":{"type":"Point","coordinates":[120,29]},"meters":300}}]}}""");
        Assert.True(byText > byCode && byArea > byCode && byBothInAnOr > byText, $"{byCode} {byText} {byArea} {byBothInAnOr}");
        var small = Measure("{ needs(first: 10) { totalCount } }").Units;
        var large = Measure("{ needs(first: 500) { totalCount } }").Units;
        Assert.True(large > small, $"{small} {large}");
    }

    [Fact]
    public void A_contact_read_per_need_costs_per_item_of_the_page()
    {
        var one = Measure("{ needs(first: 1) { edges { node { reporterContact { phone } } } } }").Units;
        var hundred = Measure("{ needs(first: 100) { edges { node { reporterContact { phone } } } } }").Units;
        Assert.True(hundred - one >= 99, $"{one} {hundred}");
    }

    [Fact]
    public void Maintenance_mutations_are_known_as_such()
    {
        Assert.True(Measure("mutation { rebuildCells { rebuild { cells } errors { __typename ... on Error { code message } } } }").Maintenance);
        Assert.False(Measure("{ needStats(groupBy: CHANNEL) { totalCount } }").Maintenance);
    }
}
