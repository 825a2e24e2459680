using System.Globalization;

namespace NeedsMap.Api.Weather.Grid;

/// <summary>One hexagon: a resolution and axial coordinates. Its id, e.g. <c>r500:12:-3</c>, never changes.</summary>
public readonly record struct HexCell(HexResolution Resolution, int Q, int R)
{
    public string Id => string.Create(CultureInfo.InvariantCulture, $"r{(int)Resolution}:{Q}:{R}");

    public override string ToString() => Id;

    public static bool TryParse(string? id, out HexCell cell)
    {
        cell = default;
        var parts = id?.Split(':');
        if (parts is not { Length: 3 } || parts[0].Length < 2 || parts[0][0] != 'r'
            || !int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var meters)
            || !Enum.IsDefined((HexResolution)meters)
            || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q)
            || !int.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var r))
        {
            return false;
        }
        cell = new HexCell((HexResolution)meters, q, r);
        return true;
    }

    public static HexCell Parse(string id) => TryParse(id, out var cell)
        ? cell
        : throw new DomainException(ErrorCodes.InvalidId, $"\"{id}\" is not a cell id like r500:12:-3.");
}
