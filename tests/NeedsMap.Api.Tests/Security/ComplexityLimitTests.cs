using NeedsMap.Api.GraphEdge;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Tests.Security;

/// <summary>Each role has its own complexity limit below the global one; introspection costs nothing for anyone.</summary>
public sealed class ComplexityLimitTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    // categories is a list: 1 + 5 × 2 = 11 per alias, so 600 aliases cost 6,600: over the public 5,000, under the administrator's 50,000.
    private static readonly string Wide = "{ " + string.Concat(Enumerable.Range(0, 600).Select(i => $"c{i}: categories {{ code name }} ")) + "}";

    [Fact]
    public async Task A_query_within_the_administrators_limit_but_over_the_public_one_is_QUERY_TOO_COMPLEX_for_the_public_only()
    {
        var (status, body, _) = await host.PostAsync(Wide);
        Assert.Equal(400, status);
        Assert.Equal("QUERY_TOO_COMPLEX", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("5000", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["data"]);

        var resident = await host.PostAsync(Wide, token: host.Token(RoleRights.Resident));
        Assert.Equal("QUERY_TOO_COMPLEX", resident.Body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var admin = await host.PostAsync(Wide, token: host.Token(RoleRights.CityAdmin));
        Assert.Equal(200, admin.Status);
        Assert.Null(admin.Body!["errors"]);
        Assert.Equal(600, admin.Body["data"]!.AsObject().Count);
    }

    [Fact]
    public void Every_role_limit_lies_within_the_global_limit_and_the_public_gets_less_than_a_city_administrator()
    {
        Assert.All(RoleRights.All, r => Assert.InRange(r.MaxComplexity, 1, QueryLimits.MaxComplexity));
        Assert.True(RoleRights.For(RoleRights.Public).MaxComplexity < RoleRights.For(RoleRights.CityAdmin).MaxComplexity);
        Assert.True(RoleRights.For(RoleRights.Resident).MaxComplexity < RoleRights.For(RoleRights.CityAdmin).MaxComplexity);
    }

    [Fact]
    public async Task The_standard_introspection_query_runs_for_an_anonymous_caller()
    {
        var (status, body, _) = await host.PostAsync(IntrospectionQuery);
        Assert.Equal(200, status);
        Assert.Null(body!["errors"]);
        Assert.True(body["data"]!["__schema"]!["types"]!.AsArray().Count > 50);
    }

    /// <summary>graphql-js' getIntrospectionQuery() without the fields GraphQL.NET 8 lacks (specifiedByURL, directive args' includeDeprecated).</summary>
    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
