using Npgsql;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>What a stored need contributes to derived tables: where, when, what, through which channel, how heavy.</summary>
public sealed record NeedFacts(double Longitude, double Latitude, DateTimeOffset ReceivedAt, string CategoryCode, string ChannelCode, double Weight)
{
    public static NeedFacts Of(Need need) =>
        new(need.Location.X, need.Location.Y, need.ReceivedAt, need.CategoryCode, need.ChannelCode, need.Weight);
}

/// <summary>A need created (<see cref="Before"/> null) or revised in one ingestion transaction.</summary>
public sealed record StoredNeedChange(long NeedId, NeedFacts? Before, NeedFacts After, string JurisdictionCode, string JurisdictionPath);

/// <summary>
/// Runs inside the ingestion transaction after a batch of needs is created or revised, so derived tables (cell
/// rollups) commit or roll back with the needs themselves.
/// </summary>
public interface INeedWriteHook
{
    Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken);
}
