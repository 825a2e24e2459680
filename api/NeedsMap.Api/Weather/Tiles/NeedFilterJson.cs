using System.Collections;
using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Filtering;

namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// Reads a <see cref="NeedFilter"/> from JSON written exactly as the GraphQL variable would be, coercing it through
/// the schema's own <c>NeedFilter</c> input type (its scalars, enums and ParseDictionary), so a tile URL and a
/// GraphQL query given the same JSON select the same needs.
/// </summary>
public sealed class NeedFilterJson(ISchema schema, IGraphQLTextSerializer serializer)
{
    public NeedFilter? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        Inputs inputs;
        try
        {
            inputs = serializer.Deserialize<Inputs>(json) ?? Inputs.Empty;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            // A syntax error's message says where it is; a value of the wrong kind ([1,2]) would name .NET's Inputs type instead.
            throw new DomainException(ErrorCodes.InvalidFilter, ex.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "where must be a JSON object, as the NeedFilter variable would be written."
                : "where is not a JSON object: " + ex.Message);
        }
        schema.Initialize();
        var type = schema.AllTypes["NeedFilter"] as IInputObjectGraphType
            ?? throw new InvalidOperationException("The schema has no NeedFilter input type.");
        return (NeedFilter?)Coerce(type, inputs, "where");
    }

    private static object? Coerce(IGraphType type, object? value, string path)
    {
        switch (type)
        {
            case NonNullGraphType nonNull:
                return Coerce(nonNull.ResolvedType!, value ?? throw Invalid(path, "must not be null"), path);
            case var _ when value is null:
                return null;
            case ListGraphType list:
                return value is IEnumerable items and not string and not IDictionary
                    ? items.Cast<object?>().Select((item, i) => Coerce(list.ResolvedType!, item, $"{path}[{i}]")).ToArray()
                    : new[] { Coerce(list.ResolvedType!, value, path) };
            case IInputObjectGraphType input:
                if (value is not IDictionary<string, object?> fields)
                {
                    throw Invalid(path, $"must be an object ({input.Name})");
                }
                var coerced = new Dictionary<string, object?>();
                foreach (var (name, fieldValue) in fields)
                {
                    var field = input.GetField(name) ?? throw Invalid($"{path}.{name}", $"is not a field of {input.Name}");
                    coerced[name] = Coerce(field.ResolvedType!, fieldValue, $"{path}.{name}");
                }
                return input.ParseDictionary(coerced);
            case ScalarGraphType scalar:
                object? parsed;
                try
                {
                    parsed = scalar.ParseValue(value);
                }
                catch (Exception ex) when (ex is not DomainException)
                {
                    throw Invalid(path, $"is not a valid {scalar.Name}: {ex.Message}");
                }
                // As GraphQL's NulFreeTextRule refuses it in a query: PostgreSQL text cannot hold U+0000.
                return parsed is string text && text.Contains('\0', StringComparison.Ordinal)
                    ? throw Invalid(path, "holds the NUL character (U+0000), which cannot be stored")
                    : parsed;
            default:
                throw Invalid(path, "has an unsupported type");
        }
    }

    private static DomainException Invalid(string path, string problem) => new(ErrorCodes.InvalidFilter, $"{path} {problem}.");
}
