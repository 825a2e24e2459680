using System.Globalization;
using System.Text;

namespace NeedsMap.Api.Needs;

/// <summary>A keyset position (received time, id) bound to the order it was issued for.</summary>
public readonly record struct NeedCursor(NeedOrder Order, DateTimeOffset ReceivedAt, long Id)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{(int)Order}|{ReceivedAt.UtcTicks}|{Id}")));

    public static NeedCursor Decode(string cursor, NeedOrder expected)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|');
            if (parts.Length == 3
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var order)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks)
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var id)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                if ((NeedOrder)order != expected)
                {
                    throw new DomainException(ErrorCodes.InvalidCursor, "The cursor was issued for another order; page from the start again.");
                }
                return new NeedCursor(expected, new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }
        throw new DomainException(ErrorCodes.InvalidCursor, "The cursor is not one this server issued.");
    }
}
