using GraphQL.Types;
using GraphQL.Utilities;

namespace NeedsMap.Api.Graph.Descriptions;

/// <summary>
/// Fills the descriptions a graph type does not give itself, from the tables beside this file (one per area). They live
/// here rather than in each graph type so that adding them touched no feature file while those were being moved; a
/// description written in a graph type wins, and SchemaDescriptionTests fails on a table entry that names nothing or that
/// a graph type already describes, so the two never disagree. Keys: <c>Type</c>, <c>Type.member</c> (field, input field or
/// enum value), <c>Type.field(argument)</c>, and <c>Type.*(argument)</c> for an argument of one meaning on every field.
/// </summary>
public sealed class SchemaDescriptions : BaseSchemaNodeVisitor
{
    public static readonly IReadOnlyDictionary<string, string> All = new[]
    {
        CommonDescriptions.Entries, NeedDescriptions.Entries, CellDescriptions.Entries, LoopDescriptions.Entries, ReferenceDescriptions.Entries,
        ArgumentDescriptions.Entries, CityDataDescriptions.Entries,
    }.SelectMany(e => e).ToDictionary(e => e.Key, e => e.Text, StringComparer.Ordinal);

    public override void VisitObject(IObjectGraphType type, ISchema schema) => type.Description ??= Find(type.Name);

    public override void VisitInterface(IInterfaceGraphType type, ISchema schema) => type.Description ??= Find(type.Name);

    public override void VisitInputObject(IInputObjectGraphType type, ISchema schema) => type.Description ??= Find(type.Name);

    public override void VisitEnum(EnumerationGraphType type, ISchema schema) => type.Description ??= Find(type.Name);

    public override void VisitScalar(ScalarGraphType type, ISchema schema) => type.Description ??= Find(type.Name);

    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema) =>
        field.Description ??= Find($"{type.Name}.{field.Name}");

    public override void VisitInterfaceFieldDefinition(FieldType field, IInterfaceGraphType type, ISchema schema) =>
        field.Description ??= Find($"{type.Name}.{field.Name}");

    public override void VisitInputObjectFieldDefinition(FieldType field, IInputObjectGraphType type, ISchema schema) =>
        field.Description ??= Find($"{type.Name}.{field.Name}");

    public override void VisitEnumValue(EnumValueDefinition value, EnumerationGraphType type, ISchema schema) =>
        value.Description ??= Find($"{type.Name}.{value.Name}");

    public override void VisitObjectFieldArgumentDefinition(QueryArgument argument, FieldType field, IObjectGraphType type, ISchema schema) =>
        argument.Description ??= Find($"{type.Name}.{field.Name}({argument.Name})") ?? Find($"{type.Name}.*({argument.Name})");

    private static string? Find(string key) => All.TryGetValue(key, out var text) ? text : null;
}
