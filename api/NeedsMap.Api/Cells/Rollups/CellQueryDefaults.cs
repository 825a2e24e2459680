namespace NeedsMap.Api.Cells.Rollups;

public static class CellQueryDefaults
{
    public const int WindowDays = 30;
    public const int BaselineWindows = 4;
}
