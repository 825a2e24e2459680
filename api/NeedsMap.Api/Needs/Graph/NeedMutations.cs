using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Needs.Graph;

internal sealed class NeedMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<NeedGraphType>>("submitNeed")
            .Description("Submits a resident's need: validated, located, classified, stored and announced to subscribers.")
            .Argument<NonNullGraphType<SubmitNeedInputGraphType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SubmitNeedInput>("input");
                var location = input.Location switch
                {
                    null => (GeoPoint?)null,
                    Point p => new GeoPoint(p.X, p.Y),
                    _ => throw new DomainException(ErrorCodes.InvalidGeometry, "location must be a GeoJSON Point."),
                };
                var now = ctx.Service<TimeProvider>().GetUtcNow();
                var scope = ctx.Service<AccessScope>();
                var incoming = new IncomingNeed(input.ChannelCode, input.ExternalId ?? Guid.NewGuid().ToString("N"), 1, now,
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
