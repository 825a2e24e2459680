using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Fuzz;

/// <summary>An enum value: unquoted as a literal, a string in JSON.</summary>
internal sealed record EnumToken(string Name);

/// <summary>A number JSON and GraphQL write differently, or that only a literal can say (1e400).</summary>
internal sealed record RawNumber(string Literal, string Json);

/// <summary>
/// Argument values for a type reference of the schema: most of the right shape (edge values first among them: zero,
/// negatives, the largest Int, empty strings, codes that exist and codes that do not, valid and broken GeoJSON), some of
/// the wrong shape (a string for a number, an object for a list, null for a non-null), some huge or deeply nested.
/// </summary>
internal sealed class ValueFuzzer(Random random, SchemaShape schema, FuzzPools pools)
{
    private static readonly object?[] Ints = [0L, 1L, -1L, 5L, 10L, 50L, 100L, 499L, 500L, 501L, (long)int.MaxValue, (long)int.MinValue, 99_999_999_999L, 7L, 30L, 366L, 367L];
    private static readonly object?[] Floats = [0.0, -0.0, 1.0, -1.0, 0.5, 300.0, 100_000.0, 100_001.0, 1e308, -1e308, 1e-300, 120.11, 29.3, new RawNumber("1e400", "1e300")];
    private static readonly string[] Strings =
    [
        "", " ", "a", "噪音", "工地半夜还在打桩", "' OR 1=1 --", "%_\\", "\u0000", "nope", "330782", "330782002005", "noise", "noise.construction",
        "12345", "enforcement", "R500", "2026-06-30", "2026-06-01T00:00:00Z", "Need:1", "TmVlZDox", new string('长', 5_000), "🙂",
    ];

    public object? Value(JsonNode typeRef, int depth, bool rightShape)
    {
        var kind = SchemaShape.Kind(typeRef);
        if (kind == "NON_NULL")
        {
            return !rightShape && random.Next(6) == 0 ? null : Value(typeRef["ofType"]!, depth, rightShape);
        }
        if (random.Next(12) == 0)
        {
            return null;
        }
        if (kind == "LIST")
        {
            if (!rightShape && random.Next(3) == 0)
            {
                return Value(typeRef["ofType"]!, depth + 1, rightShape); // a single value where a list goes (GraphQL coerces it)
            }
            // Long lists only of plain values near the top, so one value never grows past what a request body may hold.
            var plain = schema.KindOf(SchemaShape.NameOf(typeRef)) is "SCALAR" or "ENUM";
            var count = random.Next(10) switch { 0 => 0, 1 when plain && depth < 2 => random.Next(200, 1_200), _ => random.Next(1, depth < 3 ? 4 : 2) };
            return Enumerable.Range(0, count).Select(_ => Value(typeRef["ofType"]!, depth + 1, rightShape)).ToList();
        }
        var name = typeRef["name"]!.GetValue<string>();
        if (!rightShape && random.Next(2) == 0)
        {
            return WrongShape(name);
        }
        return schema.KindOf(name) switch
        {
            "ENUM" => random.Next(15) == 0 ? new EnumToken("NOPE") : new EnumToken(Pick(schema.EnumValues(name))),
            "INPUT_OBJECT" => InputObject(name, depth, rightShape),
            _ => Scalar(name),
        };
    }

    private object? WrongShape(string typeName) => random.Next(6) switch
    {
        0 => "abc",
        1 => 1.5,
        2 => true,
        3 => new List<object?> { 1L, "x" },
        4 => new Dictionary<string, object?> { ["bogus"] = 1L },
        _ => typeName is "Int" or "Float" or "Long" ? "123" : 42L,
    };

    private Dictionary<string, object?> InputObject(string name, int depth, bool rightShape)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (name == "NeedFilter" && random.Next(25) == 0)
        {
            return DeepFilter(random.Next(5, 45), rightShape);
        }
        foreach (var field in schema.InputFields(name))
        {
            var required = SchemaShape.Kind(field["type"]!) == "NON_NULL";
            var recursive = SchemaShape.NameOf(field["type"]!) == name;
            if ((required && (rightShape || random.Next(5) != 0)) || (!recursive || depth < 3) && random.Next(3) == 0)
            {
                result[field["name"]!.GetValue<string>()] = depth > 6 ? null : Value(field["type"]!, depth + 1, rightShape);
            }
        }
        if (!rightShape && random.Next(5) == 0)
        {
            result["bogusField"] = "x";
        }
        return result;
    }

    /// <summary>A filter nested <paramref name="levels"/> deep through and, or and not.</summary>
    public Dictionary<string, object?> DeepFilter(int levels, bool withCodes)
    {
        var filter = new Dictionary<string, object?>
        {
            ["categoryIn"] = new List<object?> { withCodes ? Pick(pools.Categories) : "nope" },
        };
        for (var i = 0; i < levels; i++)
        {
            filter = random.Next(3) switch
            {
                0 => new Dictionary<string, object?> { ["and"] = new List<object?> { filter } },
                1 => new Dictionary<string, object?> { ["or"] = new List<object?> { filter, new Dictionary<string, object?> { ["statusIn"] = new List<object?> { new EnumToken("NEW") } } } },
                _ => new Dictionary<string, object?> { ["not"] = filter },
            };
        }
        return filter;
    }

    private object? Scalar(string name) => name switch
    {
        "Int" => Pick(Ints),
        "Long" => random.Next(3) == 0 ? (long)random.Next(1, 50) : Pick(Ints),
        "Float" => Pick(Floats),
        "Boolean" => random.Next(2) == 0,
        "ID" => Pick(pools.Ids),
        "Geometry" => Geometry(),
        "DateTimeOffset" => Pick<string>(["2026-06-01T00:00:00Z", "2026-06-01T08:00:00+08:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T99:00:00Z", "yesterday", ""]),
        "DateOnly" => Pick<string>(["2026-06-30", "2026-01-01", "0001-01-01", "9999-12-31", "2026-02-30", "30/06/2026", ""]),
        _ => random.Next(3) == 0 ? Pick(pools.Codes) : Pick(Strings),
    };

    private object? Geometry()
    {
        var (lon, lat) = pools.Point;
        object Point(double x, double y) => new List<object?> { x, y };
        return random.Next(9) switch
        {
            0 => new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = Point(lon, lat) },
            1 => new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = Point(999, 999) },
            2 => new Dictionary<string, object?>
            {
                ["type"] = "Polygon", ["coordinates"] = new List<object?> { new List<object?> {
                Point(lon - 0.01, lat - 0.01), Point(lon + 0.01, lat - 0.01), Point(lon + 0.01, lat + 0.01), Point(lon - 0.01, lat - 0.01) } }
            },
            3 => new Dictionary<string, object?> { ["type"] = "Polygon", ["coordinates"] = new List<object?> { new List<object?> { Point(lon, lat), Point(lon + 1, lat) } } },
            4 => new Dictionary<string, object?> { ["type"] = "Circle", ["coordinates"] = Point(lon, lat) },
            5 => "POINT(120 29)",
            6 => new Dictionary<string, object?>(),
            7 => new Dictionary<string, object?> { ["type"] = "LineString", ["coordinates"] = new List<object?> { Point(lon, lat), Point(lon + 0.001, lat) } },
            _ => new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = new List<object?> { lon } },
        };
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>The value as a GraphQL literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal),
        string s => JsonSerializer.Serialize(s),
        EnumToken e => e.Name,
        RawNumber r => r.Literal,
        IDictionary<string, object?> map => "{ " + string.Join(", ", map.Select(p => p.Key + ": " + Literal(p.Value))) + " }",
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(Literal)) + "]",
        _ => throw new ArgumentException(value.GetType().Name),
    };

    /// <summary>The value as JSON, for a variable.</summary>
    public static JsonNode? Json(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(0.0),
        string s => JsonValue.Create(s),
        EnumToken e => JsonValue.Create(e.Name),
        RawNumber r => JsonNode.Parse(r.Json),
        IDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Json(p.Value)))),
        IEnumerable<object?> list => new JsonArray(list.Select(Json).ToArray()),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    public static string Random(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append((char)random.Next(32, 0x9fff));
        }
        return text.ToString();
    }
}

/// <summary>Real codes and ids of the fuzzed server, so that right-shaped values reach the resolvers and the database.</summary>
internal sealed record FuzzPools(IReadOnlyList<string> Categories, IReadOnlyList<string> Codes, IReadOnlyList<string> Ids, (double Lon, double Lat) Point);
