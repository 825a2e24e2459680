using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Audit;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Graph.Transport.Sharing;

namespace NeedsMap.Api.Needs.Graph;

public sealed class NeedGraphType : ObjectGraphType<Need>
{
    public const string TypeName = "Need";

    /// <summary>
    /// Only for reading the type's name (<c>Graph/Relay</c>'s connection does so from an instance): the schema's instance
    /// comes from DI through the other constructor, with every contributed field, and the schema test holds it to that.
    /// </summary>
    public NeedGraphType()
        : this([])
    {
    }

    /// <param name="contributed">Fields other features add (<see cref="INeedFields"/>): the case, the channel.</param>
    public NeedGraphType(IEnumerable<INeedFields> contributed)
    {
        Name = TypeName;
        Description = "A resident's need or complaint, from any channel (群众诉求).";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Need;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field(n => n.ExternalId).Description("The id the channel gave it; unique within the channel.");
        Field(n => n.ReceivedAt).Description("When the channel received it.");
        Field(n => n.UpdatedAt);
        Field<NonNullGraphType<StringGraphType>>("text")
            .Description("The need in the resident's words; phone numbers, ID numbers and names masked unless your role may see personal data.")
            .Resolve(ctx => ctx.Service<AccessScope>().Mask(ctx.Source.Text));
        Field<NonNullGraphType<CategoryGraphType>>("category").Resolve(ctx => ctx.Service<ReferenceData>().Current.FindCategory(ctx.Source.CategoryCode));
        Field(n => n.CategoryConfidence, nullable: true).Description("The classifier's confidence in the category, 0 to 1; null when a person or the channel set it.");
        Field(n => n.ClassifierVersion, nullable: true);
        Field<NonNullGraphType<NeedStatusGraphType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(n => n.Weight).Description("The need's weight in demand indexes (channel weight by default).");
        Field<NonNullGraphType<GeometryGraphType>>("location").Description("A GeoJSON Point, WGS-84.").Resolve(ctx => ctx.Source.Location);
        Field<StringGraphType>("address")
            .Description("The address the channel sent; house, unit and room numbers masked unless your role may see personal data.")
            .Resolve(ctx => ctx.Service<AccessScope>().Mask(ctx.Source.Address));
        Field<NonNullGraphType<LocatedByGraphType>>("locatedBy").Resolve(ctx => ctx.Source.LocatedBy);
        Field<ReporterContactGraphType>("reporterContact")
            .Description("The reporter's contact (personal data): only for roles that handle cases; every read is written to the audit log.")
            .RunsPerCaller()
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Service<AccessScope>();
                if (!scope.SeesPersonalData)
                {
                    throw new DomainException(ErrorCodes.Forbidden, "Your role may not see reporters' contacts.");
                }
                var contact = ctx.Service<ContactProtector>().Decrypt(ctx.Source.ContactEncrypted, ctx.Source.ContactKeyId);
                if (contact is not null)
                {
                    var fields = ctx.SubFields?.Keys.Where(k => !k.StartsWith("__", StringComparison.Ordinal)).ToList() ?? [];
                    await ctx.Service<AuditLog>().RecordAsync(scope, ctx.Source.Id, fields, ctx.CancellationToken);
                }
                return contact;
            });
        Field<NonNullGraphType<JurisdictionGraphType>>("jurisdiction")
            .Description("The smallest jurisdiction containing the need.")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.FindJurisdiction(ctx.Source.JurisdictionCode));
        foreach (var fields in contributed)
        {
            fields.AddTo(this);
        }
        NeedChannelFields.AddTo(this);
    }
}

public sealed class NeedStatusGraphType : EnumerationGraphType<NeedStatus>
{
    public NeedStatusGraphType()
    {
        Name = "NeedStatus";
    }
}

public sealed class LocatedByGraphType : EnumerationGraphType<LocatedBy>
{
    public LocatedByGraphType()
    {
        Name = "LocatedBy";
        Description = "How a need was placed: by the coordinates its channel sent, or by matching its address.";
    }
}

public sealed class NeedOrderGraphType : EnumerationGraphType<NeedOrder>
{
    public NeedOrderGraphType()
    {
        Name = "NeedOrder";
    }
}
