using System.Text.RegularExpressions;
using Mono.Cecil;
using NeedsMap.Api.Tests.Graph;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Architecture;

/// <summary>
/// Arrows only point down (issue #20, item 3). Each top-level folder of <c>NeedsMap.Api</c> is a node; an arrow A → B means
/// some type of A uses a type of B anywhere in its compiled IL (signatures, bodies, attributes, generic arguments, closures
/// and state machines included). Every folder has a layer in the table of <c>docs/architecture.md</c> ("The layers"), which
/// this test reads, so the page and the rule are one source: an arrow to a folder of the same or a higher layer fails,
/// naming the type and member that draw it, and so does a folder the table leaves out or names without its being there.
/// <c>Common</c> is the bottom and depends on no other folder. What a lower folder needs from a higher one it asks through
/// an interface declared in the lower folder (the page lists them). Inside <c>Loop</c> and <c>Security</c> the sub-folders
/// form no loop either. Constants are copied into the IL that reads them, so an arrow made only of a constant does not show.
/// </summary>
public sealed partial class FolderGraphTests(ITestOutputHelper output)
{
    private const string Root = "NeedsMap.Api";

    /// <summary>The folder every other one may use and which uses none.</summary>
    private const string Bottom = "Common";

    [Fact]
    public void Every_arrow_between_folders_points_to_a_lower_layer_of_the_architecture_page()
    {
        var layers = DocumentedLayers();
        var arrows = TypeArrows(typeof(Program).Assembly.Location);
        var folders = arrows.Select(a => a.From).Concat(arrows.Select(a => a.To)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var group in arrows.GroupBy(a => a.From).OrderBy(g => layers.GetValueOrDefault(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key} ({layers.GetValueOrDefault(group.Key)}) -> "
                + string.Join(", ", group.Select(a => a.To).Distinct().Order(StringComparer.Ordinal).Select(t => $"{t} ({layers.GetValueOrDefault(t)})")));
        }

        var unplaced = folders.Where(f => !layers.ContainsKey(f)).ToList();
        Assert.True(unplaced.Count == 0, "These folders have no layer in docs/architecture.md's table: " + string.Join(", ", unplaced));
        var gone = layers.Keys.Where(f => !folders.Contains(f)).Order(StringComparer.Ordinal).ToList();
        Assert.True(gone.Count == 0, "docs/architecture.md's table places folders that are not there: " + string.Join(", ", gone));
        Assert.True(layers.Where(l => l.Key != Bottom).All(l => l.Value > layers[Bottom]), $"{Bottom} must be alone at the bottom layer.");

        var upward = arrows.Where(a => layers[a.To] >= layers[a.From])
            .GroupBy(a => (a.From, a.To))
            .Select(g => $"{g.Key.From} ({layers[g.Key.From]}) -> {g.Key.To} ({layers[g.Key.To]}): "
                + string.Join("; ", g.Select(a => $"{a.Type}.{a.Member} uses {a.Used}").Distinct().Order(StringComparer.Ordinal).Take(3)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(upward.Count == 0,
            "Arrows to a folder of the same or a higher layer (move the piece both need below both, or declare an interface in the "
            + "lower folder that the higher one implements):\n  " + string.Join("\n  ", upward));
    }

    [Fact]
    public void The_layer_table_is_read_from_the_architecture_page()
    {
        // A guard on the reading itself: the page's table places the bottom, the features and the composition.
        var layers = DocumentedLayers();
        Assert.True(layers[Bottom] < layers["Reference"]);
        Assert.True(layers["Filtering"] < layers["Security"]);
        Assert.True(layers["Security"] < layers["Needs"]);
        Assert.True(layers["Needs"] < layers["Cases"]);
        Assert.True(layers["Needs"] < layers["Channels"]);
        Assert.True(layers["Needs"] < layers["MaskedSearch"]);
        Assert.True(layers["GraphEdge"] < layers["(root)"]);
    }

    /// <summary>
    /// Folder → layer from the table under "The layers" in <c>docs/architecture.md</c>: rows <c>| n | `A`, `B` | … |</c>;
    /// <c>`Program.cs`</c> is the root namespace's <c>(root)</c>.
    /// </summary>
    private static Dictionary<string, int> DocumentedLayers()
    {
        var page = File.ReadAllText(Path.Combine(SchemaTests.RepositoryRoot(), "docs", "architecture.md"));
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match row in LayerRow().Matches(page))
        {
            var layer = int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            foreach (Match folder in Folder().Matches(row.Groups[2].Value))
            {
                var name = folder.Groups[1].Value == "Program.cs" ? "(root)" : folder.Groups[1].Value;
                Assert.True(layers.TryAdd(name, layer), $"docs/architecture.md places {name} twice.");
            }
        }
        Assert.NotEmpty(layers);
        return layers;
    }

    [GeneratedRegex(@"^\| (\d+) \| ([^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex LayerRow();

    [GeneratedRegex(@"`([A-Za-z][A-Za-z0-9]*(?:\.cs)?)`")]
    private static partial Regex Folder();

    [Theory]
    [InlineData("Loop", "Dispatch", "Shared")]
    [InlineData("Security", "Auth", "Privacy")]
    public void The_parts_of_a_grouping_folder_form_no_loop_among_themselves(string folder, string part, string below)
    {
        // Moving Dispatch, Scenes, Consultations and Lists under Loop/ (and splitting Security into Auth, Privacy and Audit)
        // must not hide their loops: one level down, each sub-folder is a node (the folder's own files are "(Folder)"), and
        // no arrow may lie on a loop. Inside Loop: Shared ← Dispatch, Scenes ← Lists ← Consultations ← (Loop); inside
        // Security: Privacy ← Auth ← Audit ← (Security).
        var graph = FolderGraph(typeof(Program).Assembly.Location, folder);
        var onLoops = LoopArrows(graph);
        output.WriteLine($"Inside {folder}: {string.Join("; ", graph.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + " -> " + string.Join(", ", kv.Value.Order(StringComparer.Ordinal))))}");
        Assert.Contains(below, graph[part]);
        Assert.True(onLoops.Count == 0, $"Arrows close a loop inside {folder} (put what both need in a part below both):\n  " + string.Join("\n  ", onLoops));
    }

    [Fact]
    public void An_arrow_is_on_a_loop_exactly_when_its_target_reaches_back_to_its_source()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Needs"] = ["Channels", "Reference"],
            ["Channels"] = ["Classification"],
            ["Classification"] = ["Needs", "Reference"],
            ["Reference"] = ["Common"],
        };
        Assert.Equal(["Channels -> Classification", "Classification -> Needs", "Needs -> Channels"], LoopArrows(graph));
        graph["Common"] = ["Reference"];
        Assert.Equal(["Channels -> Classification", "Classification -> Needs", "Common -> Reference", "Needs -> Channels", "Reference -> Common"],
            LoopArrows(graph));
    }

    [Fact]
    public void The_graph_sees_arrows_inside_method_bodies()
    {
        // A guard on the measuring stick itself: Program's body names the command line it starts, in no signature.
        var graph = FolderGraph(typeof(Program).Assembly.Location);
        Assert.Contains("Cli", graph["(root)"]);
        Assert.Contains("Graph", graph["Needs"]);
    }

    private sealed record TypeArrow(string From, string To, string Type, string Member, string Used);

    /// <summary>Every use of a type of another top-level folder, with the type and member that use it.</summary>
    private static List<TypeArrow> TypeArrows(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var arrows = new List<TypeArrow>();
        foreach (var type in module.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }
            foreach (var (member, used) in Uses(type))
            {
                if (FolderOf(used) is { } to && to != from)
                {
                    var named = used;
                    while (named is TypeSpecification spec)
                    {
                        named = spec.ElementType;
                    }
                    arrows.Add(new TypeArrow(from, to, type.FullName, member, named.FullName));
                }
            }
        }
        return arrows;
    }

    /// <summary>
    /// Folder → folders its types use: the top-level folders, or with <paramref name="inside"/> the sub-folders of that
    /// folder (its own files are <c>(inside)</c>; types outside it are left out).
    /// </summary>
    private static Dictionary<string, HashSet<string>> FolderGraph(string assemblyPath, string? inside = null)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            if (FolderOf(type, inside) is not { } from)
            {
                continue;
            }
            var arrows = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, used) in Uses(type))
            {
                if (FolderOf(used, inside) is { } to && to != from)
                {
                    arrows.Add(to);
                }
            }
        }
        return graph;
    }

    private static string? FolderOf(TypeReference type, string? inside = null)
    {
        while (type is TypeSpecification spec)
        {
            type = spec.ElementType;
        }
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        var ns = type.Namespace;
        // Program.cs's top-level statements compile into a Program class in the global namespace.
        if (ns == Root || (ns.Length == 0 && type.Name == "Program" && type.Module.Assembly.Name.Name == Root))
        {
            return inside is null ? "(root)" : null;
        }
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = ns[(Root.Length + 1)..].Split('.');
        if (inside is null)
        {
            return parts[0];
        }
        return parts[0] != inside ? null : parts.Length > 1 ? parts[1] : $"({inside})";
    }

    /// <summary>Every type <paramref name="type"/> uses, each with the member of <paramref name="type"/> that uses it.</summary>
    private static IEnumerable<(string Member, TypeReference Used)> Uses(TypeDefinition type)
    {
        var found = new List<(string, TypeReference)>();
        var where = "(type)";
        void Add(TypeReference? t)
        {
            if (t is null)
            {
                return;
            }
            found.Add((where, t));
            if (t is GenericInstanceType generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
            if (t is TypeSpecification spec && spec.ElementType != t)
            {
                Add(spec.ElementType);
            }
        }
        void Attributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }
        }
        void Member(MemberReference member)
        {
            Add(member.DeclaringType);
            switch (member)
            {
                case MethodReference method:
                    Add(method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        Add(parameter.ParameterType);
                    }
                    if (method is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            Add(argument);
                        }
                    }
                    break;
                case FieldReference field:
                    Add(field.FieldType);
                    break;
            }
        }

        Add(type.BaseType);
        Attributes(type);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }
        foreach (var field in type.Fields)
        {
            where = field.Name;
            Add(field.FieldType);
            Attributes(field);
        }
        foreach (var property in type.Properties)
        {
            where = property.Name;
            Add(property.PropertyType);
            Attributes(property);
        }
        foreach (var method in type.Methods)
        {
            where = method.Name;
            Member(method);
            Attributes(method);
            if (!method.HasBody)
            {
                continue;
            }
            foreach (var local in method.Body.Variables)
            {
                Add(local.VariableType);
            }
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MemberReference m:
                        Member(m);
                        break;
                }
            }
        }
        return found;
    }

    /// <summary>The arrows A → B where B reaches A again, as "A -> B", sorted.</summary>
    private static List<string> LoopArrows(Dictionary<string, HashSet<string>> graph)
    {
        var folders = graph.Keys.Concat(graph.Values.SelectMany(v => v)).Distinct().ToList();
        var reach = Reachability(graph, folders);
        return graph.SelectMany(kv => kv.Value.Select(to => (From: kv.Key, To: to)))
            .Where(e => reach[e.To].Contains(e.From))
            .Select(e => $"{e.From} -> {e.To}")
            .Order(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, HashSet<string>> Reachability(Dictionary<string, HashSet<string>> graph, List<string> folders)
    {
        var reach = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var start in folders)
        {
            var stack = new Stack<string>(graph.GetValueOrDefault(start, []));
            while (stack.TryPop(out var next))
            {
                if (reach[start].Add(next))
                {
                    foreach (var further in graph.GetValueOrDefault(next, []))
                    {
                        stack.Push(further);
                    }
                }
            }
        }
        return reach;
    }
}
