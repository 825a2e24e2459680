namespace NeedsMap.Sdk;

/// <summary>
/// Where a need stands, in the host's own states (the ones its whistles to departments move needs through). A channel
/// that tracks its records' handling maps its own states onto these; see <see cref="IChannelStatusMap"/> for the way back.
/// </summary>
public enum RecordStatus
{
    /// <summary>Received, nobody handles it yet (受理前).</summary>
    New,
    /// <summary>Handed to a department or person (已派单).</summary>
    Assigned,
    /// <summary>Being worked on (办理中).</summary>
    InProgress,
    /// <summary>Dealt with, awaiting the resident's confirmation or the channel's closing (已办结).</summary>
    Resolved,
    /// <summary>Closed (已归档).</summary>
    Closed,
    /// <summary>Opened again after it was resolved or closed (重新打开).</summary>
    Reopened,
}
