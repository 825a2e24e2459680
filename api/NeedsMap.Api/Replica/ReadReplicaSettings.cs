namespace NeedsMap.Api.Replica;

/// <summary>
/// Section <c>NeedsMap:ReadReplica</c>: how the standby named by <c>ConnectionStrings:NeedsMapReadReplica</c> is watched.
/// The connection string itself is read with the others (<see cref="Data.ReadDatabase"/>).
/// </summary>
public sealed class ReadReplicaSettings
{
    public const string Section = "NeedsMap:ReadReplica";

    /// <summary>Filled from the connection strings when the settings are checked, so a malformed one is named at start.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How often the standby's replay position and lag are read (and caches dropped when it moved).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Lag above which <c>/health/ready</c> reports the replica degraded (still ready: see ReplicaHealthCheck).</summary>
    public double MaxLagSeconds { get; set; } = 30;
}
