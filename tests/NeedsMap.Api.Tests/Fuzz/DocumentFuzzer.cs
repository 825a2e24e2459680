using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Fuzz;

/// <summary>A generated GraphQL request: the document, its variables, and how it should be sent.</summary>
internal sealed record FuzzRequest(string Kind, string Document, JsonObject? Variables, string Role)
{
    public override string ToString() => $"[{Kind} as {Role}] {Short(Document)} variables={Short(Variables?.ToJsonString() ?? "null")}";

    private static string Short(string text) => text.Length > 1_500 ? text[..1_500] + $"… ({text.Length} chars)" : text;
}

/// <summary>
/// Random documents built from the introspected schema: one to three root fields (aliased, sometimes the same field twice),
/// arguments as literals or as variables, selections a few levels down through objects, interfaces and connections,
/// fragments now and then; and a share of broken ones (an unknown field, a missing selection, a cut-off document, a
/// selection nested past every limit).
/// </summary>
internal sealed class DocumentFuzzer(Random random, SchemaShape schema, ValueFuzzer values, IReadOnlySet<string> excludedMutations)
{
    private int _variable;
    private JsonObject _variables = [];
    private List<string> _definitions = [];

    /// <summary>A request no larger than a body may be (1 MiB): larger ones are the transport's to refuse, tested elsewhere.</summary>
    public FuzzRequest Next(string role, string operation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var request = Generate(role, operation);
            if (attempt == 5 || request.Document.Length + (request.Variables?.ToJsonString().Length ?? 0) < 512 * 1024)
            {
                return request;
            }
        }
    }

    private FuzzRequest Generate(string role, string operation)
    {
        _variable = 0;
        _variables = [];
        _definitions = [];
        var root = operation switch
        {
            "mutation" => schema.MutationType!,
            "subscription" => schema.SubscriptionType!,
            _ => schema.QueryType,
        };
        var candidates = schema.Fields(root).Where(f => operation != "mutation" || role != "city_admin"
            || !excludedMutations.Contains(f["name"]!.GetValue<string>())).ToList();
        var count = operation == "query" ? random.Next(1, 4) : 1;
        var body = new StringBuilder();
        var fragments = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var field = candidates[random.Next(candidates.Count)];
            var selection = Field(field, 0, $"f{i}");
            if (operation == "query" && random.Next(8) == 0)
            {
                fragments.Append(CultureInfo.InvariantCulture, $"fragment R{i} on {root} {{ {selection} }}\n");
                body.Append(CultureInfo.InvariantCulture, $"...R{i} ");
            }
            else
            {
                body.Append(selection).Append(' ');
            }
        }
        var broken = random.Next(20) == 0;
        if (broken)
        {
            body.Append(random.Next(4) switch
            {
                0 => "bogusField ",
                1 => "__typename { nope } ",
                2 => string.Concat(Enumerable.Repeat("__typename ", 3)),
                _ => "",
            });
        }
        var definitions = _definitions.Count == 0 ? "" : "(" + string.Join(", ", _definitions) + ")";
        var document = $"{operation}{definitions} {{ {body}}}\n{fragments}";
        if (broken && random.Next(3) == 0)
        {
            document = document[..random.Next(1, document.Length)];
        }
        return new FuzzRequest(operation, document, _variables.Count == 0 ? null : _variables, role);
    }

    private string Field(JsonObject field, int depth, string alias)
    {
        var name = field["name"]!.GetValue<string>();
        var text = new StringBuilder();
        if (random.Next(3) == 0)
        {
            text.Append(alias).Append(": ");
        }
        text.Append(name).Append(Arguments(field["args"]!.AsArray()));
        text.Append(Selection(field["type"]!, depth));
        return text.ToString();
    }

    private string Arguments(JsonArray args)
    {
        var given = new List<string>();
        foreach (var arg in args.Select(a => a!.AsObject()))
        {
            var required = SchemaShape.Kind(arg["type"]!) == "NON_NULL";
            if (!required && random.Next(2) == 0)
            {
                continue;
            }
            if (required && random.Next(40) == 0)
            {
                continue; // a required argument left out
            }
            var rightShape = random.Next(10) < 7;
            var value = values.Value(arg["type"]!, 0, rightShape);
            var argName = arg["name"]!.GetValue<string>();
            if (random.Next(2) == 0)
            {
                var variable = "v" + _variable++;
                var written = SchemaShape.Written(arg["type"]!);
                _definitions.Add($"${variable}: {(random.Next(25) == 0 ? "String" : written)}");
                _variables[variable] = ValueFuzzer.Json(value);
                given.Add($"{argName}: ${variable}");
            }
            else
            {
                given.Add($"{argName}: {ValueFuzzer.Literal(value)}");
            }
        }
        if (random.Next(40) == 0)
        {
            given.Add("bogusArgument: 1");
        }
        return given.Count == 0 ? "" : "(" + string.Join(", ", given) + ")";
    }

    private string Selection(JsonNode typeRef, int depth)
    {
        var name = SchemaShape.NameOf(typeRef);
        var kind = schema.KindOf(name);
        if (kind is "SCALAR" or "ENUM")
        {
            return random.Next(60) == 0 ? " { nope }" : "";
        }
        if (depth > 3 || random.Next(50) == 0)
        {
            return random.Next(30) == 0 ? "" : " { __typename }";
        }
        if (kind is "INTERFACE" or "UNION")
        {
            var possible = schema.PossibleTypes(name);
            var target = possible[random.Next(possible.Count)];
            var shared = kind == "INTERFACE" ? string.Join(' ', schema.Fields(name).Where(IsLeaf).Take(2).Select(f => f["name"]!.GetValue<string>())) : "";
            return $" {{ __typename {shared} ... on {target} {{ {Fields(target, depth + 1)} }} }}";
        }
        return " { " + Fields(name, depth + 1) + " }";
    }

    private string Fields(string type, int depth)
    {
        var fields = schema.Fields(type);
        var leaves = fields.Where(IsLeaf).ToList();
        var chosen = new List<string>();
        if (leaves.Count > 0)
        {
            chosen.Add(leaves[random.Next(leaves.Count)]["name"]!.GetValue<string>());
        }
        var extra = random.Next(0, 4);
        for (var i = 0; i < extra && fields.Count > 0; i++)
        {
            chosen.Add(Field(fields[random.Next(fields.Count)], depth, $"x{depth}_{i}"));
        }
        return chosen.Count == 0 ? "__typename" : string.Join(' ', chosen.Distinct());
    }

    private bool IsLeaf(JsonObject field) =>
        schema.KindOf(SchemaShape.NameOf(field["type"]!)) is "SCALAR" or "ENUM" && !field["args"]!.AsArray().Any(a => SchemaShape.Kind(a!["type"]!) == "NON_NULL");
}
