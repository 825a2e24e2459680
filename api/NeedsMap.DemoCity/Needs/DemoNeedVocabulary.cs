namespace NeedsMap.DemoCity.Needs;

/// <summary>The closed sets of values the generated needs use.</summary>
public static class DemoNeedVocabulary
{
    public static IReadOnlyList<string> Channels { get; } =
        ["12345", "96150", "110", "120", "122", "four-platforms", "zheliban", "wechat", "board", "open311", "app"];

    public static IReadOnlyList<string> Statuses { get; } = ["new", "accepted", "in_progress", "resolved", "closed"];

    /// <summary>The SDK's bands, so demo needs group with the needs channels send.</summary>
    public static IReadOnlyList<string> AgeBands { get; } = Sdk.AgeBands.Codes;

    public static IReadOnlyList<string> Genders { get; } = ["female", "male"];

    public static IReadOnlyList<string> Groups { get; } =
        ["local_resident", "migrant_worker", "foreign_merchant", "student", "elderly_living_alone"];
}
