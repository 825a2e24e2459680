using System.Globalization;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Weather.Grid;

namespace NeedsMap.Api.Weather.Tiles;

/// <summary>A Web-Mercator tile z/x/y (XYZ scheme, y down from the north).</summary>
public readonly record struct TileAddress(int Z, int X, int Y)
{
    public const int MaxZoom = 22;

    public static bool TryParse(string z, string x, string y, out TileAddress tile)
    {
        tile = default;
        if (!int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out var zz) || zz > MaxZoom
            || !int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var xx)
            || !int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yy))
        {
            return false;
        }
        var n = 1L << zz;
        if (xx >= n || yy >= n)
        {
            return false;
        }
        tile = new TileAddress(zz, xx, yy);
        return true;
    }

    /// <summary>The tile in WGS-84, grown by <paramref name="margin"/> of its width on each side.</summary>
    public BoundingBox Bounds(double margin = 0)
    {
        var n = Math.Pow(2, Z);
        double Lon(double x) => x / n * 360 - 180;
        double Lat(double y) => double.RadiansToDegrees(Math.Atan(Math.Sinh(Math.PI * (1 - 2 * y / n))));
        return new BoundingBox
        {
            West = Math.Max(-180, Lon(X - margin)), East = Math.Min(180, Lon(X + 1 + margin)),
            South = Math.Max(-85.06, Lat(Y + 1 + margin)), North = Math.Min(85.06, Lat(Y - margin)),
        };
    }

    /// <summary>The cell size that draws well at this zoom: a few dozen pixels across.</summary>
    public HexResolution CellResolution => Z switch
    {
        <= 10 => HexResolution.R2500,
        11 => HexResolution.R1000,
        12 => HexResolution.R500,
        13 => HexResolution.R250,
        _ => HexResolution.R100,
    };
}
