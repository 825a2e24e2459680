namespace NeedsMap.Api.Jurisdictions;

/// <summary>The three tiers the city governs by: city (市), street or town (街道/镇), community or village (社区/村).</summary>
public enum JurisdictionLevel
{
    City = 1,
    Street = 2,
    Community = 3,
}
