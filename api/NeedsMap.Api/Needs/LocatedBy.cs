namespace NeedsMap.Api.Needs;

/// <summary>How a need got its point: from the coordinates its channel sent, or from matching its address.</summary>
public enum LocatedBy
{
    Coordinates,
    AddressGazetteer,
}
