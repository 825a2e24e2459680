namespace NeedsMap.Api.Weather.Rollups;

public static class CellQueryDefaults
{
    public const int WindowDays = 30;
    public const int BaselineWindows = 4;
}
