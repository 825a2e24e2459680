using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Security.Privacy;

public enum ConditionKind
{
    Category,
    Channel,
    Status,
    Jurisdiction,
    ReceivedFrom,
    ReceivedBefore,
}

/// <summary>One condition of a filter, on its own: a code of a list, or a time bound.</summary>
public sealed record Condition(ConditionKind Kind, string Code, DateTimeOffset At, NeedFilter Filter);

/// <summary>
/// The distinct conditions a filter is built of: every code of a list is one condition (categoryIn: [a, b] is a or b),
/// every time bound another; and, or and not only combine them. The small-group rule counts the needs of each
/// combination of these conditions, whether the filter keeps it or not (<see cref="SmallGroups"/>).
/// </summary>
public static class FilterConditions
{
    public static IReadOnlyList<Condition> Of(NeedFilter? filter)
    {
        var found = new Dictionary<string, Condition>(StringComparer.Ordinal);
        if (filter is not null)
        {
            Collect(filter, found);
        }
        return found.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value).ToList();
    }

    private static void Collect(NeedFilter f, Dictionary<string, Condition> found)
    {
        foreach (var code in f.CategoryIn ?? [])
        {
            found.TryAdd("category:" + code, new(ConditionKind.Category, code, default, new NeedFilter { CategoryIn = [code] }));
        }
        foreach (var code in f.ChannelIn ?? [])
        {
            found.TryAdd("channel:" + code, new(ConditionKind.Channel, code, default, new NeedFilter { ChannelIn = [code] }));
        }
        foreach (var status in f.StatusIn ?? [])
        {
            found.TryAdd("status:" + status, new(ConditionKind.Status, status.ToString(), default, new NeedFilter { StatusIn = [status] }));
        }
        foreach (var code in f.JurisdictionIn ?? [])
        {
            found.TryAdd("jurisdiction:" + code, new(ConditionKind.Jurisdiction, code, default, new NeedFilter { JurisdictionIn = [code] }));
        }
        if (f.ReceivedFrom is { } from)
        {
            found.TryAdd("time:from:" + from.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
                new(ConditionKind.ReceivedFrom, "", from, new NeedFilter { ReceivedFrom = from }));
        }
        if (f.ReceivedBefore is { } before)
        {
            found.TryAdd("time:before:" + before.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
                new(ConditionKind.ReceivedBefore, "", before, new NeedFilter { ReceivedBefore = before }));
        }
        foreach (var child in (f.And ?? []).Concat(f.Or ?? []).Append(f.Not).OfType<NeedFilter>())
        {
            Collect(child, found);
        }
    }

    /// <summary>Every status a need can have, as stored.</summary>
    public static IReadOnlyList<string> Statuses { get; } = Enum.GetNames<NeedStatus>();
}
