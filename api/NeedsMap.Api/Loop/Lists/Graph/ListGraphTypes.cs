using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Dispatch.Graph;
using NeedsMap.Api.Needs.Graph;
using static NeedsMap.Api.Loop.Shared.Ids;

namespace NeedsMap.Api.Loop.Lists.Graph;

public sealed class ReformItemGraphType : ObjectGraphType<ReformItem>
{
    public ReformItemGraphType()
    {
        Name = ReformList.TypeName;
        Description = "改革清单: a problem that needs several departments or a rule change, with its evidence.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is ReformItem;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Id(ReformList.TypeName, ctx.Source.Id));
        Field(r => r.Title);
        Field(r => r.Problem);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DepartmentGraphType>>>>("departments")
            .Resolve(ctx => ctx.Source.DepartmentCodes.Select(c => ctx.Service<DepartmentDirectory>().Find(c)).OfType<Department>());
        Field(r => r.NeedsRuleChange);
        Field(r => r.Evidence).Description("Why it is on the list.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("evidenceNeedIds")
            .Resolve(ctx => ctx.Source.EvidenceNeedIds.Select(n => Id(NeedGraphType.TypeName, n)));
        Field<IdGraphType>("consultationId").Resolve(ctx => Id(Consultations.ConsultationReader.TypeName, ctx.Source.ConsultationId));
        Field(r => r.AddedAt);
        Field(r => r.AddedBy);
    }
}

public sealed class OneThingGraphType : ObjectGraphType<OneThing>
{
    public const string TypeName = "OneThing";

    public OneThingGraphType()
    {
        Name = TypeName;
        Description = "一件事: several services joined so a resident asks once.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is OneThing;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Id(TypeName, ctx.Source.Id));
        Field(o => o.Name);
        Field(o => o.Description, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("serviceItemIds")
            .Resolve(ctx => ctx.Source.ServiceItemIds.Select(s => Id(ServiceList.TypeName, s)));
        Field(o => o.CreatedAt);
    }
}

public sealed class ReformItemInputGraphType : InputObjectGraphType<ReformItemInput>
{
    public ReformItemInputGraphType()
    {
        Name = "ReformItemInput";
        Description = "Two or more departments, or needsRuleChange: true; the evidence is required.";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<StringGraphType>>("problem");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("departmentCodes");
        Field<BooleanGraphType>("needsRuleChange");
        Field<NonNullGraphType<StringGraphType>>("evidence");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("evidenceNeedIds");
    }
}

public sealed class OneThingInputGraphType : InputObjectGraphType<OneThingInput>
{
    public OneThingInputGraphType()
    {
        Name = "OneThingInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("serviceItemIds").Description("At least two services.");
    }
}
