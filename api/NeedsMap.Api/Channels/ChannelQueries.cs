using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Channels;

internal sealed class ChannelQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelGraphType>>>>("channels")
            .Description("Every channel with its ingestion status.")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.Channels);
}
