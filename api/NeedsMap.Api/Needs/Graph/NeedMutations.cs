using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Needs.Graph;

internal sealed class NeedMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Payload<SubmitNeedInputGraphType, SubmitNeedInput, NeedGraphType>("submitNeed",
            "Submits a resident's need: validated, located, classified, stored and announced to subscribers. "
            + "Errors: INVALID_INPUT, INVALID_GEOMETRY, OUTSIDE_CITY, LOCATION_REQUIRED, ADDRESS_NOT_FOUND, UNKNOWN_CATEGORY, UNKNOWN_CHANNEL, FORBIDDEN (outside what the caller may write).",
            new("need", "the need as stored"), ErrorKinds.Validation | ErrorKinds.OutOfScope,
            async (ctx, input) =>
            {
                var location = input.Location switch
                {
                    null => (GeoPoint?)null,
                    Point p => new GeoPoint(p.X, p.Y),
                    _ => throw new DomainException(ErrorCodes.InvalidGeometry, "location must be a GeoJSON Point."),
                };
                var now = ctx.Service<TimeProvider>().GetUtcNow();
                var scope = ctx.Service<AccessScope>();
                // An explicit channelCode: null overrides the input field's default; it means the default all the same.
                var incoming = new IncomingNeed(input.ChannelCode ?? "app", input.ExternalId ?? Guid.NewGuid().ToString("N"), 1, now,
                    input.Text, location, input.CoordinateSystem, input.Address, input.CategoryCode, scope.Actor)
                {
                    // A resident's need carries their key, so that they, and only they among residents, see it again.
                    Contact = input.Contact,
                    ReporterKey = scope.Caller is { Role: RoleRights.Resident } resident ? ReporterKeys.ForSubject(resident.Subject) : null,
                };
                var result = await ctx.Service<NeedIngestion>().IngestAsync(incoming, ctx.CancellationToken);
                return result.Need;
            });
}
