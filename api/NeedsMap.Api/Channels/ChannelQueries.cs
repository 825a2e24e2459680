using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Channels;

internal sealed class ChannelQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelGraphType>>>>("channels")
            .Description("Every channel with its ingestion status: last receipt, accepted and rejected counts, last error, plugin.")
            .ResolveAsync(async ctx => await ctx.Service<NeedsMapDbContext>().Channels.AsNoTracking()
                .OrderBy(c => c.Code).ToListAsync(ctx.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelPluginGraphType>>>>("channelPlugins")
            .Description("Every plugin folder the server found, loaded or failed, with the reason.")
            .Resolve(ctx => ctx.Service<ChannelPluginCatalog>().Plugins);
    }
}

public sealed class ChannelPluginGraphType : ObjectGraphType<ChannelPlugin>
{
    public ChannelPluginGraphType()
    {
        Name = "ChannelPlugin";
        Description = "A channel plugin as the server last loaded it.";
        Field(p => p.Name);
        Field<NonNullGraphType<StringGraphType>>("state").Description("LOADED or FAILED.")
            .Resolve(ctx => ctx.Source.State == PluginState.Loaded ? "LOADED" : "FAILED");
        Field(p => p.Error, nullable: true);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("loadedAt").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("channelCodes")
            .Resolve(ctx => ctx.Source.Descriptors.Select(d => d.Code));
    }
}
