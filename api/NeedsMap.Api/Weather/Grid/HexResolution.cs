namespace NeedsMap.Api.Weather.Grid;

/// <summary>Cell sizes, by the distance across the hexagon's flat sides in metres.</summary>
public enum HexResolution
{
    R100 = 100,
    R250 = 250,
    R500 = 500,
    R1000 = 1000,
    R2500 = 2500,
}
