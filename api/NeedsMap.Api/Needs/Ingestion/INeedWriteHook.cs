using Npgsql;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>What a stored need contributes to derived tables: where, when, what, through which channel, how heavy.</summary>
public sealed record NeedFacts(double Longitude, double Latitude, DateTimeOffset ReceivedAt, string CategoryCode, string ChannelCode, double Weight)
{
    public static NeedFacts Of(Need need) =>
        new(need.Location.X, need.Location.Y, need.ReceivedAt, need.CategoryCode, need.ChannelCode, need.Weight);
}

/// <summary>A need created (<see cref="Before"/> null) or revised, as queued by ingestion and counted by the rollup applier.</summary>
public sealed record StoredNeedChange(long NeedId, NeedFacts? Before, NeedFacts After, string JurisdictionCode, string JurisdictionPath);

/// <summary>
/// Counts a batch of stored changes into a derived table, in the rollup applier's transaction (or a labelling
/// transaction), so the counts commit or roll back with the dequeuing of the changes they count.
/// </summary>
public interface INeedWriteHook
{
    Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken);
}
