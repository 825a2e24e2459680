using GraphQL.Types;
using NeedsMap.Api.Graph.Descriptions;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// The description tables (Graph/Descriptions) fill what graph types leave out. An entry that names nothing, or that a
/// graph type's own description shadows, would be a second, silent source of truth: both fail here.
/// </summary>
public sealed class SchemaDescriptionTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>
{
    [Fact]
    public void Every_description_table_entry_describes_a_schema_member_and_is_the_description_it_shows()
    {
        var schema = host.Service<ISchema>();
        var problems = new List<string>();
        foreach (var (key, text) in SchemaDescriptions.All)
        {
            var shown = Shown(schema, key);
            if (shown.Count == 0)
            {
                problems.Add($"{key}: names nothing in the schema");
            }
            // A Type.*(argument) entry fills the arguments of that name that have no description of their own.
            else if (key.Contains('*', StringComparison.Ordinal) ? !shown.Contains(text) : shown.Any(s => s != text))
            {
                problems.Add($"{key}: the graph type describes it already (\"{shown.First(s => s != text)}\"); drop the table entry");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The descriptions the schema shows for a key's members (several for a Type.*(argument) key).</summary>
    private static List<string?> Shown(ISchema schema, string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        var type = schema.AllTypes[dot < 0 ? key : key[..dot]];
        if (type is null)
        {
            return [];
        }
        if (dot < 0)
        {
            return [type.Description];
        }
        var member = key[(dot + 1)..];
        var paren = member.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            var argument = member[(paren + 1)..^1];
            var fieldName = member[..paren];
            return ((IComplexGraphType)type).Fields.Where(f => fieldName == "*" || f.Name == fieldName)
                .Select(f => f.Arguments?.Find(argument)).Where(a => a is not null).Select(a => a!.Description).ToList();
        }
        return type switch
        {
            EnumerationGraphType e => e.Values.FindByName(member) is { } value ? [value.Description] : [],
            IComplexGraphType c => c.GetField(member) is { } field ? [field.Description] : [],
            _ => [],
        };
    }
}
