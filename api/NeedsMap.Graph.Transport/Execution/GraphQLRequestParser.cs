using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace NeedsMap.Graph.Transport.Execution;

/// <summary>
/// Turns the JSON of a request (a POST body or a WebSocket subscribe payload) into a <see cref="GraphQLRequest"/>,
/// checking each parameter's JSON type so a client mistake becomes a clear message and never an exception.
/// </summary>
internal static class GraphQLRequestParser
{
    public static RequestParseResult Parse(JsonElement root, IGraphQLSerializer serializer)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return RequestParseResult.Fail("The request must be a JSON object.");

        string? query = null, operationName = null, documentId = null;
        Inputs? variables = null, extensions = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            var error = property.Name switch
            {
                "query" => ReadString(value, "query", out query),
                "operationName" => ReadString(value, "operationName", out operationName),
                "documentId" => ReadString(value, "documentId", out documentId),
                "variables" => ReadMap(value, "variables", serializer, out variables),
                "extensions" => ReadMap(value, "extensions", serializer, out extensions),
                _ => null,
            };
            if (error != null)
                return RequestParseResult.Fail(error);
        }

        return Create(query, operationName, documentId, variables, extensions);
    }

    public static RequestParseResult Create(string? query, string? operationName, string? documentId, Inputs? variables, Inputs? extensions)
    {
        if (string.IsNullOrWhiteSpace(query) && string.IsNullOrWhiteSpace(documentId))
            return RequestParseResult.Fail("The request has no 'query' (or 'documentId') parameter.");
        return RequestParseResult.Success(new GraphQLRequest
        {
            Query = query,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            DocumentId = documentId,
            Variables = variables,
            Extensions = extensions,
        });
    }

    /// <summary>Reads a JSON object held in a text parameter, as GET's 'variables' and 'extensions' are.</summary>
    public static string? ReadMapText(string? text, string name, IGraphQLSerializer serializer, out Inputs? map)
    {
        map = null;
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return ReadMap(document.RootElement, name, serializer, out map);
        }
        catch (JsonException)
        {
            return $"The '{name}' parameter is not valid JSON.";
        }
    }

    private static string? ReadString(JsonElement value, string name, out string? text)
    {
        text = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                text = value.GetString();
                return null;
            default:
                return $"The '{name}' parameter must be a string.";
        }
    }

    private static string? ReadMap(JsonElement value, string name, IGraphQLSerializer serializer, out Inputs? map)
    {
        map = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                map = serializer.ReadNode<Inputs>(value);
                return null;
            default:
                return $"The '{name}' parameter must be a map (a JSON object).";
        }
    }
}
