using Npgsql;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>What a stored need contributed to derived tables before a revision changed it.</summary>
public sealed record NeedFacts(double Longitude, double Latitude, DateTimeOffset ReceivedAt, string CategoryCode, string ChannelCode, double Weight)
{
    public static NeedFacts Of(Need need) =>
        new(need.Location.X, need.Location.Y, need.ReceivedAt, need.CategoryCode, need.ChannelCode, need.Weight);
}

/// <summary>
/// Runs inside the ingestion transaction after a need is created or revised, so derived tables (cell rollups)
/// commit or roll back with the need itself.
/// </summary>
public interface INeedWriteHook
{
    /// <param name="before">The need's facts before a revision; null when it was just created.</param>
    Task OnStoredAsync(NpgsqlConnection connection, NeedFacts? before, Need after, CancellationToken cancellationToken);
}
