using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NeedsMap.Api.OpenApi;

/// <summary>Applies <see cref="RouteDocs"/> to the operations ASP.NET Core describes from the endpoints, and snake-cases Open311's schemas.</summary>
internal static class RouteDescriptions
{
    public static async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!RouteDocs.All.TryGetValue($"{context.Description.HttpMethod} /{context.Description.RelativePath}", out var doc))
        {
            return;
        }
        operation.Summary = doc.Summary;
        operation.Description = doc.Description;
        operation.Tags = new HashSet<OpenApiTagReference> { new(doc.Tag, context.Document) };
        operation.Responses = new OpenApiResponses();
        foreach (var r in doc.Responses)
        {
            var response = new OpenApiResponse { Description = r.Description };
            if (r.ContentType is { } type)
            {
                response.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [type] = new() { Schema = r.Schema is null ? null : await context.GetOrCreateSchemaAsync(r.Schema, null, cancellationToken) },
                };
            }
            operation.Responses[r.Status.ToString(CultureInfo.InvariantCulture)] = response;
        }
        foreach (var p in doc.Parameters ?? [])
        {
            operation.Parameters ??= [];
            if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(x => x.Name == p.Name) is { } known)
            {
                known.Description = p.Description;
                continue;
            }
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = p.Name,
                In = p.In == "header" ? ParameterLocation.Header : ParameterLocation.Query,
                Required = p.Required,
                Description = p.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        if (doc.RequestContentTypes is { } types)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = doc.RequestDescription,
                Content = types.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
            };
        }
    }

    /// <summary>Open311's documents are snake_case on the wire (Open311Writer), so their schemas say so.</summary>
    public static Task SnakeCaseOpen311Async(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.Namespace == typeof(Open311.Open311Module).Namespace && schema.Properties is { Count: > 0 } properties)
        {
            schema.Properties = properties.ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key), p => p.Value);
            if (schema.Required is { Count: > 0 } required)
            {
                schema.Required = required.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToHashSet();
            }
        }
        return Task.CompletedTask;
    }
}
