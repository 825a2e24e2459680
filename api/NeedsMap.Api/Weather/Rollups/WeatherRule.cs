namespace NeedsMap.Api.Weather.Rollups;

public enum WeatherLevel
{
    Sunny,
    Cloudy,
    Overcast,
    Rain,
    Storm,
}

/// <summary>
/// A cell's weather compares its demand in the window with its own baseline, the mean demand of the windows of the
/// same length just before it: ratio = demand / max(baseline, 1). Below 0.5 is SUNNY 晴, below 1 CLOUDY 多云,
/// below 1.5 OVERCAST 阴, below 2.5 RAIN 雨, from 2.5 STORM 暴雨. The floor of 1 keeps a cell without history
/// from storming over a single need.
/// </summary>
public static class WeatherRule
{
    public const double BaselineFloor = 1.0;
    public const string Description =
        "ratio = demandIndex / max(baseline, 1), baseline = mean demandIndex of the baselineWindows windows of the same length "
        + "just before this one. ratio < 0.5 SUNNY 晴; < 1 CLOUDY 多云; < 1.5 OVERCAST 阴; < 2.5 RAIN 雨; otherwise STORM 暴雨.";

    public static double Ratio(double demand, double baseline) => demand / Math.Max(baseline, BaselineFloor);

    public static WeatherLevel Level(double demand, double baseline) => Ratio(demand, baseline) switch
    {
        < 0.5 => WeatherLevel.Sunny,
        < 1.0 => WeatherLevel.Cloudy,
        < 1.5 => WeatherLevel.Overcast,
        < 2.5 => WeatherLevel.Rain,
        _ => WeatherLevel.Storm,
    };
}
