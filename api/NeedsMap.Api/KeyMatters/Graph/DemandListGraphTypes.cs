using GraphQL.Types;
using NeedsMap.Api.KeyMatters.Portraits;
using NeedsMap.Api.Loop.Dispatch.Graph;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.KeyMatters.Graph;

public sealed class DemandPlaceGraphType : ObjectGraphType<DemandPlace>
{
    public DemandPlaceGraphType()
    {
        Name = "DemandPlace";
        Description = "Where a matter weighs most: a community (code and name) or a 250 m cell (id r250:q:r), with its records in the window.";
        Field(p => p.Code);
        Field(p => p.Name, nullable: true);
        Field(p => p.Records);
    }
}

public sealed class DemandItemGraphType : ObjectGraphType<DemandItem>
{
    public DemandItemGraphType()
    {
        Name = "DemandItem";
        Description = "A line of the demand list (需求清单): a key matter, its evidence, and who should act (服务清单).";
        Field<NonNullGraphType<KeyMatterGraphType>>("matter").Resolve(ctx => ctx.Source.Matter);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeedGraphType>>>>("sampleNeeds")
            .Description("The newest needs of the matter in the window that you may see (at most 3).").Resolve(ctx => ctx.Source.Samples);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DemandPlaceGraphType>>>>("communities")
            .Description("The communities where it weighs most (at most 3).").Resolve(ctx => ctx.Source.Communities);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DemandPlaceGraphType>>>>("cells")
            .Description("The 250 m cells where it weighs most (at most 3).").Resolve(ctx => ctx.Source.Cells);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceItemGraphType>>>>("services")
            .Description("The service list's lines for its category and the category's parent: the departments that answer it.")
            .Resolve(ctx => ctx.Source.Services);
    }
}

public sealed class DemandListGraphType : ObjectGraphType<DemandList>
{
    public DemandListGraphType()
    {
        Name = "DemandList";
        Description = "需求清单: the key matters of a jurisdiction with their evidence and the services that answer them.";
        Field<NonNullGraphType<KeyMattersGraphType>>("keyMatters").Resolve(ctx => ctx.Source.KeyMatters);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DemandItemGraphType>>>>("items").Resolve(ctx => ctx.Source.Items);
    }
}

public sealed class PortraitDimensionGraphType : EnumerationGraphType<PortraitDimension>
{
    public PortraitDimensionGraphType()
    {
        Name = "PortraitDimension";
        Description = "How reporters are grouped, as channels report them: group (local_resident, migrant_worker, foreign_merchant, student, "
            + "elderly_living_alone), age band, gender.";
    }
}

public sealed class PortraitShareGraphType : ObjectGraphType<PortraitShare>
{
    public PortraitShareGraphType()
    {
        Name = "PortraitShare";
        Field(s => s.Code).Description("A category or community code.");
        Field(s => s.Name, nullable: true);
        Field(s => s.Needs);
    }
}

public sealed class GroupPortraitGraphType : ObjectGraphType<GroupPortrait>
{
    public GroupPortraitGraphType()
    {
        Name = "GroupPortrait";
        Description = "群体画像: what one group of reporters asks for most, and where.";
        Field<NonNullGraphType<PortraitDimensionGraphType>>("dimension").Resolve(ctx => ctx.Source.Dimension);
        Field(g => g.Value).Description("The value channels report, e.g. migrant_worker, 60-79, female.");
        Field(g => g.Label).Description("A Chinese label where one exists.");
        Field(g => g.Needs);
        Field(g => g.Residents).Description("Distinct reporters among them.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortraitShareGraphType>>>>("topCategories")
            .Description("Its most frequent categories (at most 3, each of at least minimumGroup needs).").Resolve(ctx => ctx.Source.TopCategories);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortraitShareGraphType>>>>("topPlaces")
            .Description("Its communities with the most needs (at most 3, each of at least minimumGroup needs).").Resolve(ctx => ctx.Source.TopPlaces);
    }
}

public sealed class GroupPortraitsGraphType : ObjectGraphType<GroupPortraits>
{
    public GroupPortraitsGraphType()
    {
        Name = "GroupPortraits";
        Field(g => g.JurisdictionCode);
        Field<NonNullGraphType<DayWindowGraphType>>("window").Resolve(ctx => ctx.Source.Window);
        Field(g => g.MinimumGroup).Description("k: groups, categories and places of fewer needs are never shown, to any role.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupPortraitGraphType>>>>("groups").Resolve(ctx => ctx.Source.Groups);
    }
}
