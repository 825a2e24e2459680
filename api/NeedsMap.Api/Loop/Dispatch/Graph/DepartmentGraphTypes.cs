using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

public sealed class DepartmentGraphType : ObjectGraphType<Department>
{
    public DepartmentGraphType()
    {
        Name = "Department";
        Description = "A city department that answers whistles (职能部门).";
        Field(d => d.Code).Description("A stable code such as enforcement.");
        Field(d => d.Name).Description("The Chinese name, e.g. 综合执法局.");
        Field(d => d.NameEn);
    }
}

public sealed class ServiceItemGraphType : ObjectGraphType<ServiceItem>
{
    public ServiceItemGraphType()
    {
        Name = "ServiceItem";
        Description = "One line of the service list (服务清单): which departments answer a category, with what service, by when.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is ServiceItem;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode(ServiceList.TypeName, ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field(s => s.Name);
        Field<NonNullGraphType<CategoryGraphType>>("category").Resolve(ctx => ctx.Service<ReferenceData>().Current.FindCategory(ctx.Source.CategoryCode));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DepartmentGraphType>>>>("departments")
            .Resolve(ctx => ctx.Source.DepartmentCodes.Select(c => ctx.Service<DepartmentDirectory>().Find(c)).OfType<Department>());
        Field(s => s.DeadlineHours).Description("Hours a whistle under this service may stay open before it escalates.");
    }
}

public sealed class ServiceItemInputGraphType : InputObjectGraphType<ServiceItemInput>
{
    public ServiceItemInputGraphType()
    {
        Name = "ServiceItemInput";
        Description = "A service to add, or with id one to change.";
        Field<IdGraphType>("id");
        Field<NonNullGraphType<StringGraphType>>("categoryCode");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("departmentCodes");
        Field<NonNullGraphType<IntGraphType>>("deadlineHours");
    }
}
