using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.Security;

public sealed class AuditEntryGraphType : ObjectGraphType<AuditEntry>
{
    public AuditEntryGraphType()
    {
        Name = "AuditEntry";
        Description = "One read of a need's personal data (个人信息查看记录).";
        Field(a => a.At);
        Field(a => a.Actor).Description("role:subject of the reader.");
        Field(a => a.Role);
        Field<NonNullGraphType<IdGraphType>>("needId").Resolve(ctx => GlobalId.Encode(NeedGraphType.TypeName, ctx.Source.NeedId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("fields").Resolve(ctx => ctx.Source.Fields.Split(','));
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
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryGraphType>>>>("auditLog")
            .Description("Reads of personal data, newest first.")
            .Argument<IdGraphType>("needId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .ResolveAsync(async ctx =>
            {
                var first = ctx.GetArgument("first", 50);
                if (first is < 1 or > PageRequest.MaxPageSize)
                {
                    throw new DomainException(ErrorCodes.PageTooLarge, $"first takes 1 to {PageRequest.MaxPageSize}.");
                }
                long? needId = null;
                if (ctx.GetArgument<string?>("needId") is { } id)
                {
                    needId = GlobalId.TryDecodeLong(id, NeedGraphType.TypeName, out var n) ? n : throw new DomainException(ErrorCodes.InvalidId, "Not a need id.");
                }
                return await ctx.Service<AuditLog>().ReadAsync(needId, first, ctx.CancellationToken);
            });
}
