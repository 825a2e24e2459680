using GraphQL.Types;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Graph;

/// <summary>
/// Every mutation follows the conventions, so a new one cannot slip back to a bare return type: one argument named input
/// (an input object, required) or none, a required NamePayload, and in it errors: [NameError!]! whose members all
/// implement Error.
/// </summary>
public sealed class MutationConventionTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>
{
    [Fact]
    public void Every_mutation_takes_one_input_and_returns_a_payload_with_typed_errors()
    {
        var schema = host.Service<ISchema>();
        schema.Initialize();
        var problems = new List<string>();
        foreach (var field in schema.Mutation!.Fields)
        {
            var typeName = char.ToUpperInvariant(field.Name[0]) + field.Name[1..];
            var arguments = field.Arguments?.ToList() ?? [];
            if (arguments.Count > 1 || arguments.Any(a => a.Name != "input" || a.ResolvedType is not NonNullGraphType { ResolvedType: IInputObjectGraphType }))
            {
                problems.Add($"{field.Name}: arguments {string.Join(", ", arguments.Select(a => a.Name))}");
            }
            if (field.ResolvedType is not NonNullGraphType { ResolvedType: IObjectGraphType payload } || payload.Name != typeName + "Payload")
            {
                problems.Add($"{field.Name}: returns {field.ResolvedType}");
                continue;
            }
            var errors = payload.GetField("errors")?.ResolvedType;
            if (errors is not NonNullGraphType { ResolvedType: ListGraphType { ResolvedType: NonNullGraphType { ResolvedType: UnionGraphType union } } }
                || union.Name != typeName + "Error" || union.PossibleTypes.Count == 0
                || union.PossibleTypes.Any(t => !t.ResolvedInterfaces.Any(i => i.Name == "Error")))
            {
                problems.Add($"{field.Name}: errors is {errors}");
            }
            if (payload.Fields.Count(f => f.Name != "errors") != 1 || payload.Fields.Any(f => f.Name != "errors" && f.ResolvedType is NonNullGraphType))
            {
                problems.Add($"{field.Name}: the payload must hold one nullable result besides errors");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(39, schema.Mutation.Fields.Count);
    }
}
