using Mono.Cecil;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Architecture;

/// <summary>
/// A ratchet on the API's folder graph (issue #20, item 3). Each top-level folder of <c>NeedsMap.Api</c> is a node; an
/// arrow A → B means some type of A uses a type of B anywhere in its compiled IL (signatures, bodies, attributes,
/// generic arguments, closures and state machines included). Arrows should only point down, through these layers:
/// <list type="number">
/// <item><c>Common</c> (bottom: errors = <c>DomainException</c> + <c>ErrorCodes</c>, events, settings, command-line kit) and
/// <c>Data</c> (the DbContext, which names no feature, SQL helpers, the listener).</item>
/// <item><c>Reference</c>: the catalog entities every feature reads (channel, category, jurisdiction), their tables and
/// the snapshot.</item>
/// <item><c>Graph</c>, the toolkit: GraphQL plumbing that knows no feature and no caller (<c>IRootFields</c>, payloads,
/// relay, scalars, validation, batching, descriptions). What it needs from above it asks through an interface declared
/// in it (<c>Relay/IPageSizeLimit</c>, implemented by <c>Security/Auth/AccessScope</c>).</item>
/// <item>Features, each below the ones that use it: <c>Failures</c> below <c>Cost</c> (<c>Failures/IRequestDeadline</c>
/// is implemented by <c>Cost/RequestBudget</c>); <c>Security</c> below the features that ask who the caller is (its rate
/// limiter asks a feature's <c>RateLimits/IRatePartition</c>, the channels' inbox one); <c>Loop</c> (with Dispatch,
/// Scenes, Consultations and Lists inside it, checked on their own below) above Needs.</item>
/// <item><c>GraphEdge</c>: the pieces of the schema that know features or security (the schema root, <c>node</c>,
/// the per-role limits, the error normalizer), then <c>Startup</c>, <c>Cli</c> and <c>Program</c>.</item>
/// </list>
/// The test fails on any arrow that lies on a loop and is not in <see cref="KnownLoopArrows"/>, and on any arrow out of
/// the bottom layer (<c>Common</c>). Inside <c>Loop</c> and <c>Security</c> the same holds one level down, with no
/// debt: the loop's parts and the pieces they share (<c>Loop/Shared</c>), and Security's Auth, Privacy and Audit, form no loop.
/// <para>
/// <see cref="KnownLoopArrows"/> is today's debt, written down so that it can only shrink: the folder moves of issue #20
/// (errors and events into Common, catalog entities into Reference, one module per feature) remove these arrows, and
/// each must then be deleted from the list; the test fails while the list names an arrow that is gone.
/// </para>
/// </summary>
public sealed class FolderGraphTests(ITestOutputHelper output)
{
    private const string Root = "NeedsMap.Api";

    /// <summary>Folders that depend on no other folder.</summary>
    private static readonly string[] BottomLayer = ["Common"];

    /// <summary>Arrows on a loop, the debt left on 5 December 2026. Delete each one as it goes; never add one.</summary>
    private static readonly HashSet<string> KnownLoopArrows =
    [
        // Sorted by source (the test prints the current list, one a line). 8 arrows: 128 before issue #20's modules, when
        // Data named 15 features; 45 before the errors moved to Common/Errors, the schema's edge to GraphEdge/, the catalog
        // entities to Reference/, Graph stopped asking Security (IPageSizeLimit), Failures stopped asking Cost
        // (IRequestDeadline), the rate limiter stopped naming the inbox (IRatePartition) and the loop's parts moved under
        // Loop/. What is left is one knot: Needs reads the caller's AccessScope, which is written in Needs' NeedFilter;
        // Needs' graph shows a need's case and channel plugin, while Cases and Channels read and write needs.
        "Cases -> Needs", "Cases -> Security",
        "Channels -> Needs", "Channels -> Security",
        "Needs -> Cases", "Needs -> Channels", "Needs -> Security",
        "Security -> Needs",
    ];

    [Fact]
    public void No_new_arrow_closes_a_loop_between_folders_or_leaves_the_bottom_layer()
    {
        var graph = FolderGraph(typeof(Program).Assembly.Location);
        var folders = graph.Keys.Concat(graph.Values.SelectMany(v => v)).Distinct().ToList();
        var onLoops = LoopArrows(graph);
        output.WriteLine($"{folders.Count} folders, {graph.Sum(kv => kv.Value.Count)} arrows, {onLoops.Count} on loops:");
        foreach (var arrow in onLoops)
        {
            output.WriteLine($"        \"{arrow}\",");
        }

        var fromBottom = BottomLayer.SelectMany(b => graph.GetValueOrDefault(b, []).Select(to => $"{b} -> {to}")).ToList();
        Assert.True(fromBottom.Count == 0, "The bottom layer depends on a feature: " + string.Join(", ", fromBottom));

        var added = onLoops.Where(a => !KnownLoopArrows.Contains(a)).ToList();
        Assert.True(added.Count == 0,
            "New arrows close a loop between folders (a feature reaching back up, or two features needing each other: put the piece "
            + "both need below them, in Common or Reference):\n  " + string.Join("\n  ", added));
        var gone = KnownLoopArrows.Where(a => !onLoops.Contains(a)).Order(StringComparer.Ordinal).ToList();
        Assert.True(gone.Count == 0, "These arrows no longer lie on a loop: delete them from KnownLoopArrows, so they cannot come back:\n  "
            + string.Join("\n  ", gone));
    }

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
    public void Print_type_arrows_of_the_knot()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);
        var wanted = KnownLoopArrows;
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }
            foreach (var (member, used) in Uses(type))
            {
                if (FolderOf(used) is { } to && wanted.Contains($"{from} -> {to}"))
                {
                    var u = used;
                    while (u is TypeSpecification spec) { u = spec.ElementType; }
                    lines.Add($"{from} -> {to}: {type.FullName}.{member} uses {u.FullName}");
                }
            }
        }
        foreach (var line in lines) { output.WriteLine(line); }
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
