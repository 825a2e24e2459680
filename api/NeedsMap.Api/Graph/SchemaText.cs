using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace NeedsMap.Api.Graph;

/// <summary>The printed schema, as committed in schema.graphql: descriptions included, definitions in a stable order.</summary>
public static class SchemaText
{
    public static string Print(ISchema schema) => schema.Print(new PrintOptions
    {
        IncludeDescriptions = true,
        IncludeDeprecationReasons = true,
        StringComparison = StringComparison.Ordinal,
    }).ReplaceLineEndings("\n") + "\n";
}
