using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Needs.Graph;

internal sealed class NeedSubscriptions : ISubscriptionFields
{
    public void AddTo(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<NeedChangeGraphType>, NeedChange>("needChanged")
            .Description("New and changed needs that match the filter, from every server on the database. Each event carries the need as it stands when the event is delivered.")
            .Argument<NeedFilterInputGraphType>("where")
            .ResolveStream(ctx =>
            {
                // Validate the filter now, so a bad one fails the subscribe instead of silently matching nothing.
                var scope = ctx.Service<AccessScope>();
                var filter = scope.Restrict(ctx.GetArgument<NeedFilter?>("where"));
                ctx.Service<NeedFilterSql>().Where(filter, new Data.Sql.SqlParameters());
                return ctx.Service<NeedChangeHub>().Where(filter);
            });
}

public sealed class NeedChangeGraphType : ObjectGraphType<NeedChange>
{
    public NeedChangeGraphType()
    {
        Name = "NeedChange";
        Field<NonNullGraphType<NeedChangeKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<NeedGraphType>>("need").Resolve(ctx => ctx.Source.Need);
    }
}

public sealed class NeedChangeKindGraphType : EnumerationGraphType<NeedChangeKind>
{
    public NeedChangeKindGraphType()
    {
        Name = "NeedChangeKind";
    }
}
