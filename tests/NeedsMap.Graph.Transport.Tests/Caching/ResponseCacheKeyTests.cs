using System.Numerics;
using System.Text;
using GraphQL;
using GraphQL.Transport;
using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Graph.Transport.Tests.Caching;

public sealed class ResponseCacheKeyTests
{
    private static string? Key(object? variables, string partition = "p", string? query = "{ a }", string? operationName = null) =>
        ResponseCacheKey.For(partition, "application/json", new GraphQLRequest
        {
            Query = query,
            OperationName = operationName,
            Variables = variables is null ? null : new Inputs((Dictionary<string, object?>)variables),
        });

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Key_order_does_not_matter_at_any_depth()
    {
        Assert.Equal(Key(Map(("a", 1), ("b", Map(("x", "1"), ("y", new List<object?> { 1, "2" }))))),
            Key(Map(("b", Map(("y", new List<object?> { 1, "2" }), ("x", "1"))), ("a", 1))));
    }

    [Fact]
    public void Values_that_could_execute_differently_never_share_a_key()
    {
        var keys = new[]
        {
            Key(Map(("a", 1))), Key(Map(("a", 1.0))), Key(Map(("a", 1.0m))), Key(Map(("a", "1"))), Key(Map(("a", null))), Key(Map()), Key(null),
            Key(Map(("a", new List<object?> { 1 }))), Key(Map(("a", true))), Key(Map(("a", "true"))), Key(Map(("a", BigInteger.Pow(2, 70)))),
            // A string may not forge structure: quotes and backslashes are escaped.
            Key(Map(("a", "x\",\"b\":\"y"))), Key(Map(("a", "x"), ("b", "y"))), Key(Map(("a", "\\"))), Key(Map(("a", "\\\\"))),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Partition_document_and_operation_name_are_all_part_of_the_key()
    {
        var keys = new[]
        {
            Key(null), Key(null, partition: "q"), Key(null, query: "{ b }"), Key(null, operationName: "A"),
            // Length prefixes: moving text from one part to the next changes the key.
            Key(null, partition: "p1:{ a }", query: ""), Key(null, partition: "p", query: "1:{ a }"),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void A_value_json_never_produces_keeps_the_request_out_of_the_cache()
    {
        Assert.Null(Key(Map(("a", new object()))));
        Assert.False(CanonicalInputs.TryWrite(DateTime.UnixEpoch, new StringBuilder()));
    }
}
