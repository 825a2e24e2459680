using NeedsMap.Sdk;

namespace NeedsMap.Channels.Open311;

/// <summary>
/// Open311 states and the host's, both ways. GeoReport v2 has two (<c>open</c>, <c>closed</c>); endpoints add their own
/// (<c>acknowledged</c>, <c>in_progress</c>, <c>duplicate</c>, …) and Chicago's notes tell what happened meanwhile. On the
/// way in an open request is refined by its notes: closed once and opened again is Reopened, worked on is InProgress,
/// handed on is Assigned, else New. On the way out Resolved and Closed are <c>closed</c>, every other state <c>open</c>.
/// </summary>
public static class Open311Status
{
    private static readonly Dictionary<string, RecordStatus> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["new"] = RecordStatus.New, ["submitted"] = RecordStatus.New, ["received"] = RecordStatus.New,
        ["acknowledged"] = RecordStatus.Assigned, ["assigned"] = RecordStatus.Assigned, ["transferred"] = RecordStatus.Assigned,
        ["in_progress"] = RecordStatus.InProgress, ["in progress"] = RecordStatus.InProgress, ["pending"] = RecordStatus.InProgress,
        ["work_in_progress"] = RecordStatus.InProgress,
        ["resolved"] = RecordStatus.Resolved, ["completed"] = RecordStatus.Resolved, ["fixed"] = RecordStatus.Resolved,
        ["closed"] = RecordStatus.Closed, ["archived"] = RecordStatus.Closed, ["duplicate"] = RecordStatus.Closed,
        ["cancelled"] = RecordStatus.Closed, ["canceled"] = RecordStatus.Closed,
        ["reopened"] = RecordStatus.Reopened, ["re-opened"] = RecordStatus.Reopened,
    };

    private static readonly HashSet<string> WorkNotes = new(StringComparer.OrdinalIgnoreCase)
    {
        "activity", "in_progress", "work_order_created", "work_order", "follow_on_created", "inspection", "scheduled",
    };

    private static readonly HashSet<string> HandOverNotes = new(StringComparer.OrdinalIgnoreCase) { "assigned", "transferred", "acknowledged" };

    /// <summary>The host's state for an Open311 status word and the request's notes (oldest first); null for a word it does not know.</summary>
    public static RecordStatus? FromOpen311(string? status, IReadOnlyList<RecordNote> notes)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return null;
        }
        if (!string.Equals(status.Trim(), "open", StringComparison.OrdinalIgnoreCase))
        {
            return Words.TryGetValue(status.Trim(), out var known) ? known : null;
        }
        var closedAt = notes.Select((n, i) => (n, i)).LastOrDefault(x => x.n.Kind is "closed").i;
        var wasClosed = notes.Any(n => n.Kind is "closed");
        if (wasClosed && notes.Skip(closedAt + 1).Any(n => n.Kind is "opened" or "reopened"))
        {
            return RecordStatus.Reopened;
        }
        if (notes.Any(n => WorkNotes.Contains(n.Kind)))
        {
            return RecordStatus.InProgress;
        }
        return notes.Any(n => HandOverNotes.Contains(n.Kind)) ? RecordStatus.Assigned : RecordStatus.New;
    }

    /// <summary>The Open311 word for a host state: <c>closed</c> for Resolved and Closed, else <c>open</c>.</summary>
    public static string ToOpen311(RecordStatus status) => status is RecordStatus.Resolved or RecordStatus.Closed ? "closed" : "open";
}
