using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Channels.Quarantine;

public sealed class QuarantinedRecordGraphType : ObjectGraphType<QuarantinedRecord>
{
    public const string TypeName = "RejectedRecord";

    public QuarantinedRecordGraphType()
    {
        Name = TypeName;
        Description = "A record kept in quarantine with the reason it could not be stored (隔离记录). Its raw payload stays encrypted on the server.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is QuarantinedRecord;
        Field<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field<NonNullGraphType<LongGraphType>>("quarantineId").Description("The entry's number, as the inbox's receipts give it (quarantineId).")
            .Resolve(ctx => ctx.Source.Id);
        Field(r => r.ChannelCode);
        Field(r => r.ExternalId, nullable: true);
        Field(r => r.ReasonCode).Description("A stable code: malformed_payload, plugin_fault, plugin_timeout, OUTSIDE_CITY, …");
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().Mask(ctx.Source.Message));
        Field(r => r.ContentType);
        Field(r => r.ReceivedAt).Description("When the record was first delivered.");
        Field(r => r.Deliveries).Description("How many times the record was delivered while in quarantine: a redelivery updates this entry.");
        Field(r => r.LastReceivedAt, nullable: true).Description("When it was last delivered, if more than once.");
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(ctx => ctx.Source.State == QuarantineState.Replayed ? "REPLAYED" : "QUARANTINED");
        Field(r => r.Attempts);
        Field(r => r.ReplayedAt, nullable: true);
        Field<IdGraphType>("needId").Resolve(ctx => ctx.Source.NeedId is { } id ? GlobalId.Encode("Need", id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
    }
}

internal sealed class QuarantineQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuarantinedRecordGraphType>>>>("rejectedRecords")
            .Description("Records in quarantine, newest first; includeReplayed also lists the ones a replay stored.")
            .DeprecationReason("Use rejectedRecordsConnection: the same records a page at a time, with totalCount.")
            .Argument<StringGraphType>("channel")
            .Argument<BooleanGraphType>("includeReplayed", a => a.DefaultValue = false)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .ResolveAsync(async ctx =>
            {
                var first = ctx.GetArgument("first", 50);
                if (first is < 1 or > PageRequest.MaxPageSize)
                {
                    throw new DomainException(ErrorCodes.PageTooLarge, $"first must be 1 to {PageRequest.MaxPageSize}.");
                }
                return await Records(ctx).OrderByDescending(r => r.Id).Take(first).ToListAsync(ctx.CancellationToken);
            });
        query.Field<NonNullGraphType<ConnectionGraphType<QuarantinedRecordGraphType, QuarantinedRecord>>>("rejectedRecordsConnection")
            .Description("Records in quarantine, newest first, a page at a time (city administrators only, like rejectedRecords); "
                + "includeReplayed also lists the ones a replay stored. 隔离记录。")
            .Argument<StringGraphType>("channel", "Only this channel's records; every channel's when left out.")
            .Argument<BooleanGraphType>("includeReplayed", a =>
            {
                a.DefaultValue = false;
                a.Description = "Also the records a replay stored (state REPLAYED).";
            })
            .PagingArguments()
            .ResolveAsync(async ctx => await IdKeysetPaging.PageAsync(Records(ctx), r => r.Id, ctx.Page(), ctx.CancellationToken));
    }

    /// <summary>What both fields list: one query, so the connection's totalCount counts exactly what the list shows.</summary>
    private static IQueryable<QuarantinedRecord> Records(IResolveFieldContext ctx)
    {
        var query = ctx.Service<NeedsMapDbContext>().Set<QuarantinedRecord>().AsNoTracking();
        if (ctx.GetArgument<string?>("channel") is { } channel)
        {
            query = query.Where(r => r.ChannelCode == channel);
        }
        if (!ctx.GetArgument("includeReplayed", false))
        {
            query = query.Where(r => r.State == QuarantineState.Quarantined);
        }
        return query;
    }
}

internal sealed class QuarantineMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Payload<ReplayRejectedInputGraphType, ReplayRejectedInput, ListGraphType<NonNullGraphType<QuarantinedRecordGraphType>>>("replayRejected",
            "Retries quarantined records through the pipeline after a fix; each comes back REPLAYED or with its new reason.",
            new("records", "each record retried, REPLAYED or with its new reason"), ErrorKinds.NotFound | ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<QuarantineReplayer>().ReplayAsync(input.Ids, ctx.Service<AccessScope>().Actor, ctx.CancellationToken));
}
