using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Fuzz;

/// <summary>The served schema as introspection describes it: what the fuzzer builds documents from.</summary>
internal sealed class SchemaShape
{
    public const string Query = """
        { __schema { queryType { name } mutationType { name } subscriptionType { name }
          types { kind name possibleTypes { name }
            fields { name args { name type { ...T } } type { ...T } }
            inputFields { name type { ...T } }
            enumValues { name } } } }
        fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
        """;

    private readonly Dictionary<string, JsonObject> _types;

    public SchemaShape(JsonObject schema)
    {
        _types = schema["types"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => t["name"]!.GetValue<string>(), StringComparer.Ordinal);
        QueryType = schema["queryType"]!["name"]!.GetValue<string>();
        MutationType = schema["mutationType"]?["name"]?.GetValue<string>();
        SubscriptionType = schema["subscriptionType"]?["name"]?.GetValue<string>();
    }

    public string QueryType { get; }

    public string? MutationType { get; }

    public string? SubscriptionType { get; }

    public JsonObject Type(string name) => _types[name];

    public IReadOnlyList<JsonObject> Fields(string type) =>
        Type(type)["fields"] is JsonArray fields ? fields.Select(f => f!.AsObject()).ToList() : [];

    public IReadOnlyList<JsonObject> InputFields(string type) =>
        Type(type)["inputFields"] is JsonArray fields ? fields.Select(f => f!.AsObject()).ToList() : [];

    public IReadOnlyList<string> EnumValues(string type) =>
        Type(type)["enumValues"] is JsonArray values ? values.Select(v => v!["name"]!.GetValue<string>()).ToList() : [];

    public IReadOnlyList<string> PossibleTypes(string type) =>
        Type(type)["possibleTypes"] is JsonArray types ? types.Select(t => t!["name"]!.GetValue<string>()).ToList() : [];

    public static string Kind(JsonNode typeRef) => typeRef["kind"]!.GetValue<string>();

    /// <summary>The named type under NON_NULL and LIST wrappers.</summary>
    public static JsonNode Named(JsonNode typeRef) => Kind(typeRef) is "NON_NULL" or "LIST" ? Named(typeRef["ofType"]!) : typeRef;

    public static string NameOf(JsonNode typeRef) => Named(typeRef)["name"]!.GetValue<string>();

    /// <summary>The type as written in a variable definition: <c>[NeedFilter!]</c>, <c>Int!</c>.</summary>
    public static string Written(JsonNode typeRef) => Kind(typeRef) switch
    {
        "NON_NULL" => Written(typeRef["ofType"]!) + "!",
        "LIST" => "[" + Written(typeRef["ofType"]!) + "]",
        _ => typeRef["name"]!.GetValue<string>(),
    };

    public string KindOf(string name) => Type(name)["kind"]!.GetValue<string>();
}
