using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Classification.Training;

/// <summary>
/// <c>POST /classifier/training-sets/{name}[?createCategories=true]</c>: a city's labelled history as CSV in the request
/// body, streamed into a training set (city administrators; the route is Admin in <see cref="RoleRights"/>). The body is
/// read as it arrives, so the GraphQL request limit does not apply; <c>NeedsMap:Classifier:MaxTrainingSetBytes</c>
/// (1 GiB) does (413). Answers the import report, or 400 with the error's code.
/// </summary>
internal static class TrainingSetEndpoint
{
    public const string Route = "/classifier/training-sets/{name}";

    public static IEndpointConventionBuilder MapTrainingSets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Route, async (string name, bool? createCategories, HttpContext http, TrainingSetImporter importer, AccessScope scope,
            IOptions<ClassifierSettings> settings) =>
        {
            var limit = settings.Value.MaxTrainingSetBytes;
            if (http.Request.ContentLength > limit)
            {
                return Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.InvalidInput, $"A training set has at most {limit:N0} bytes.");
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            try
            {
                // Spooled to a file as it arrives (Kestrel reads bodies asynchronously only), then parsed record by record:
                // neither step holds more than a buffer in memory.
                await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await http.Request.Body.CopyToAsync(spool, http.RequestAborted);
                spool.Position = 0;
                var report = await importer.ImportAsync(name, spool, createCategories ?? false, scope.Actor, http.RequestAborted);
                return Results.Ok(report);
            }
            catch (DomainException e)
            {
                return Error(StatusCodes.Status400BadRequest, e.Code ?? ErrorCodes.InvalidInput, e.Message);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.InvalidInput, $"A training set has at most {limit:N0} bytes.");
            }
        });

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { errors = new[] { new { message, extensions = new { code } } } }, statusCode: status);
}
