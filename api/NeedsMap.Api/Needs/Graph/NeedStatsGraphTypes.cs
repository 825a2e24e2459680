using GraphQL.Types;
using NeedsMap.Api.Needs.Stats;

namespace NeedsMap.Api.Needs.Graph;

public sealed class NeedStatsGraphType : ObjectGraphType<NeedStats>
{
    public NeedStatsGraphType()
    {
        Name = "NeedStats";
        Field(s => s.TotalCount).Description("Needs matching the filter.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeedStatGroupGraphType>>>>("groups")
            .Description("Largest group first; periods in time order.")
            .Resolve(ctx => ctx.Source.Groups);
    }
}

public sealed class NeedStatGroupGraphType : ObjectGraphType<NeedStatGroup>
{
    public NeedStatGroupGraphType()
    {
        Name = "NeedStatGroup";
        Field(g => g.Key).Description("The category, channel, status or jurisdiction code, or the period's first day (yyyy-MM-dd, city time).");
        Field(g => g.Label, nullable: true).Description("The Chinese name of the group, where it has one.");
        Field(g => g.Count);
        Field(g => g.Weight).Description("The sum of the needs' weights.");
        Field(g => g.DistinctReporters).Description("Distinct residents among the needs that name a reporter.");
    }
}

public sealed class NeedStatsGroupingGraphType : EnumerationGraphType<NeedStatsGrouping>
{
    public NeedStatsGroupingGraphType()
    {
        Name = "NeedStatsGrouping";
    }
}

public sealed class CategoryLevelGraphType : EnumerationGraphType<CategoryLevel>
{
    public CategoryLevelGraphType()
    {
        Name = "CategoryLevel";
    }
}
