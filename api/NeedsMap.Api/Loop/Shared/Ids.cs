using NeedsMap.Api.Graph.Relay;

namespace NeedsMap.Api.Loop.Shared;

/// <summary>Global ids of the loop's records for graph types that show a link as an id (consultations, lists).</summary>
internal static class Ids
{
    public static string? Id(string type, long? id) =>
        id is { } v ? GlobalId.Encode(type, v.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
}
