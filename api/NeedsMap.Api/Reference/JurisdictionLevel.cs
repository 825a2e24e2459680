namespace NeedsMap.Api.Reference;

/// <summary>
/// The tiers the city governs by: city (市), street or town (街道/镇), community or village (社区/村), and the grids (网格)
/// some cities draw inside communities for their grid workers.
/// </summary>
public enum JurisdictionLevel
{
    City = 1,
    Street = 2,
    Community = 3,
    Grid = 4,
}
