using System.Globalization;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Weather.Graph;

public sealed class CellResolutionGraphType : EnumerationGraphType
{
    public CellResolutionGraphType()
    {
        Name = "CellResolution";
        Description = "Hexagon sizes by the distance across their flat sides: R100 is 100 m. 网格分辨率（六边形对边距离）。";
        foreach (var resolution in Enum.GetValues<HexResolution>())
        {
            Add(resolution.ToString(), resolution, $"{(int)resolution} m across.");
        }
    }
}

public sealed class WeatherLevelGraphType : EnumerationGraphType<WeatherLevel>
{
    public WeatherLevelGraphType()
    {
        Name = "WeatherLevel";
        Description = "需求天气. " + WeatherRule.Description;
        Values["SUNNY"]!.Description = "晴: demand below half its baseline.";
        Values["CLOUDY"]!.Description = "多云: 0.5 to 1 times its baseline.";
        Values["OVERCAST"]!.Description = "阴: 1 to 1.5 times its baseline.";
        Values["RAIN"]!.Description = "雨: 1.5 to 2.5 times its baseline.";
        Values["STORM"]!.Description = "暴雨: 2.5 times its baseline or more.";
    }
}

public sealed class CellWindowInputGraphType : InputObjectGraphType
{
    public CellWindowInputGraphType()
    {
        Name = "CellWindow";
        Description = "City days counted: `days` days ending with `lastDay` (included).";
        Field<DateOnlyGraphType>("lastDay").Description("The window's last city day; today by default.");
        Field<IntGraphType>("days").DefaultValue(CellQueryDefaults.WindowDays).Description("1 to 366; 30 by default.");
    }
}

public sealed class CellGraphType : ObjectGraphType<CellDemandSummary>
{
    public const string TypeName = "Cell";

    public CellGraphType()
    {
        Name = TypeName;
        Description = "A hexagon of the demand weather map with its demand in the window. 需求天气网格。";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is CellDemandSummary;
        Field<NonNullGraphType<IdGraphType>>("id").Description("A global id: node(id) reads the cell over the last 30 days.")
            .Resolve(ctx => Api.Graph.Relay.GlobalId.Encode(TypeName, ctx.Source.Cell.Id));
        Field<NonNullGraphType<StringGraphType>>("key").Description("The hexagon's stable key r{metres}:{q}:{r}, e.g. r500:12:-3 (what cell tiles and warnings' scopeKey carry).")
            .Resolve(ctx => ctx.Source.Cell.Id);
        Field<NonNullGraphType<CellResolutionGraphType>>("resolution").Resolve(ctx => ctx.Source.Cell.Resolution);
        Field<NonNullGraphType<GeometryGraphType>>("polygon").Description("The hexagon, GeoJSON in WGS-84.")
            .Resolve(ctx => ctx.Service<IHexGrid>().Polygon(ctx.Source.Cell));
        Field<NonNullGraphType<GeometryGraphType>>("centre").Resolve(ctx => ctx.Service<IHexGrid>().Centre(ctx.Source.Cell));
        Field(c => c.JurisdictionCode).Description("The community containing the cell's centre (the nearest one outside the city).");
        Field(c => c.Count).Description("Needs received in the window.");
        Field(c => c.DemandIndex).Description("需求指数: the sum over the window's needs of channel weight × category weight.");
        Field(c => c.PreviousDemandIndex).Description("The demand index of the window of the same length just before.");
        Field(c => c.Change).Description("demandIndex − previousDemandIndex.");
        Field(c => c.Baseline).Description("The mean demand index of the baselineWindows windows before this one.");
        Field(c => c.Ratio).Description("demandIndex / max(baseline, 1), the number the weather is read from.");
        Field<NonNullGraphType<WeatherLevelGraphType>>("weather").Resolve(ctx => ctx.Source.Weather);
        Field<NonNullGraphType<StringGraphType>>("explanation").Description("The weather's arithmetic in words.")
            .Resolve(ctx => Explain(ctx.Source));
    }

    private static string Explain(CellDemandSummary c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Count} needs in {c.Window.FirstDay:yyyy-MM-dd}..{c.Window.LastDay:yyyy-MM-dd} weigh {c.DemandIndex:0.##}; "
        + $"baseline {c.Baseline:0.##} = mean of {c.BaselineWindows} previous {c.Window.Days}-day windows; "
        + $"ratio {c.DemandIndex:0.##} / max({c.Baseline:0.##}, 1) = {c.Ratio:0.##} → {c.Weather.ToString().ToUpperInvariant()}.");
}
