using System.Text.Json;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Demo;

/// <summary>
/// <c>GET /demo/personas</c> and <c>POST /demo/sign-in</c> (<c>{"persona":"resident"}</c>): a real HS256 token signed with the
/// server's key, the same token every client sends, so a persona meets exactly the rules its role meets. Both answer 404
/// unless demo mode is on, which Production refuses.
/// </summary>
internal static class DemoEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/demo/personas", (IOptions<DemoOptions> options, Reference.ReferenceData reference) =>
            options.Value.Enabled ? Results.Ok(CityPersonas.For(reference.Current).Select(View)) : Off());
        app.MapPost("/demo/sign-in", SignInAsync).DisableAntiforgery();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IOptions<DemoOptions> options, TokenIssuer issuer, TimeProvider time,
        Reference.ReferenceData reference)
    {
        if (!options.Value.Enabled)
        {
            return Off();
        }
        string? id;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            id = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("persona", out var p)
                && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidInput, "Send {\"persona\": \"<id>\"} as JSON.");
        }
        var personas = CityPersonas.For(reference.Current);
        if (personas.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal)) is not { } persona)
        {
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.UnknownPersona,
                $"No demo persona is called \"{id}\"; personas: {string.Join(", ", personas.Select(p => p.Id))}.");
        }
        if (persona.Role == RoleRights.Public)
        {
            return Results.Ok(new { token = (string?)null, expiresAt = (DateTimeOffset?)null, persona = View(persona) });
        }
        var now = time.GetUtcNow();
        var lifetime = options.Value.TokenLifetime;
        var token = issuer.Issue(persona.Subject, persona.Role, persona.Jurisdiction, persona.Channel, lifetime, now.UtcDateTime, persona.Department);
        return Results.Ok(new { token, expiresAt = (DateTimeOffset?)now.Add(lifetime), persona = View(persona) });
    }

    private static object View(DemoPersona p) => new
    {
        id = p.Id, role = p.Role, label = p.Label, labelEn = p.LabelEn, jurisdiction = p.Jurisdiction, department = p.Department, channel = p.Channel,
    };

    private static IResult Off() => Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Demo sign-in is off: this server is not in demo mode.");

    private static IResult Error(int status, string code, string message) => Results.Json(new { code, message }, statusCode: status);
}
