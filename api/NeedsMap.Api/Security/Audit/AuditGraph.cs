using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Security.Audit;

public sealed class AuditEntryGraphType : ObjectGraphType<AuditEntry>
{
    /// <summary>The prefix of a need's global id, <c>Needs/Graph/NeedGraphType.TypeName</c>, spelled out: Security is below Needs.</summary>
    internal const string NeedTypeName = "Need";

    public AuditEntryGraphType()
    {
        Name = "AuditEntry";
        Description = "One audited act: a read of a need's personal data (个人信息查看记录), or an export (数据导出记录).";
        Field(a => a.At);
        Field(a => a.Actor).Description("role:subject of the reader.");
        Field(a => a.Role);
        Field(a => a.Action).Description("personal_data_read or export.");
        Field<IdGraphType>("needId").Description("The need whose personal data was read; null for exports.")
            .Resolve(ctx => ctx.Source.NeedId is { } id ? GlobalId.Encode(NeedTypeName, id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("fields").Description("The fields read, or the columns exported.")
            .Resolve(ctx => ctx.Source.Fields.Split(','));
        Field(a => a.ExportKind, nullable: true).Description("Exports: needs, need-stats, key-matters or cells.");
        Field(a => a.ExportFormat, nullable: true).Description("Exports: csv, xlsx or geojson.");
        Field(a => a.ExportParameters, nullable: true).Description("Exports: the parameters as given (the NeedFilter JSON in where, and the rest).");
        Field<LongGraphType>("exportRows").Description("Exports: rows written; null while it runs.").Resolve(ctx => ctx.Source.ExportRows);
        Field(a => a.FinishedAt, nullable: true).Description("Exports: when it ended; null while it runs or if the server stopped during it.");
        Field(a => a.Completed, nullable: true).Description("Exports: false when the client went away or it failed before its last row.");
    }
}

public sealed class ReporterContactGraphType : ObjectGraphType<ReporterContact>
{
    public ReporterContactGraphType()
    {
        Name = "ReporterContact";
        Description = "The reporter's contact: personal data, for roles that handle cases; every read is audited.";
        Field(c => c.Name, nullable: true);
        Field(c => c.Phone, nullable: true);
        Field(c => c.IdNumber, nullable: true);
    }
}

public sealed class ReporterContactInputGraphType : InputObjectGraphType<ReporterContact>
{
    public ReporterContactInputGraphType()
    {
        Name = "ReporterContactInput";
        Description = "Stored encrypted; shown only to roles that handle cases.";
        Field<StringGraphType>("name");
        Field<StringGraphType>("phone");
        Field<StringGraphType>("idNumber");
    }
}

/// <summary>auditLog: city administrators only (FieldGroup.Audit).</summary>
internal sealed class AuditQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryGraphType>>>>("auditLog")
            .Description("Reads of personal data, newest first.")
            .DeprecationReason("Use auditLogConnection: the same entries a page at a time, with totalCount.")
            .Argument<IdGraphType>("needId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .ResolveAsync(async ctx =>
            {
                var first = ctx.GetArgument("first", 50);
                if (first is < 1 or > PageRequest.MaxPageSize)
                {
                    throw new DomainException(ErrorCodes.PageTooLarge, $"first takes 1 to {PageRequest.MaxPageSize}.");
                }
                return await ctx.Service<AuditLog>().ReadAsync(NeedIdOf(ctx), first, ctx.CancellationToken);
            });
        query.Field<NonNullGraphType<ConnectionGraphType<AuditEntryGraphType, AuditEntry>>>("auditLogConnection")
            .Description("The audit log (reads of personal data, exports, imports), newest entry first, a page at a time.")
            .Argument<IdGraphType>("needId", "Only entries about this need (global id).")
            .PagingArguments()
            .ResolveAsync(async ctx =>
            {
                var needId = NeedIdOf(ctx);
                var entries = ctx.Service<NeedsMap.Api.Data.NeedsMapDbContext>().AuditLog.AsNoTracking().Where(e => needId == null || e.NeedId == needId);
                return await IdKeysetPaging.PageAsync(entries, e => e.Id, ctx.Page(), ctx.CancellationToken);
            });
    }

    private static long? NeedIdOf(IResolveFieldContext ctx) => ctx.GetArgument<string?>("needId") is { } id
        ? GlobalId.TryDecodeLong(id, AuditEntryGraphType.NeedTypeName, out var n) ? n : throw new DomainException(ErrorCodes.InvalidId, "Not a need id.")
        : null;
}
