namespace NeedsMap.Api.Operations.Health;

/// <summary>Which probe a check belongs to: <c>/health/live</c> runs none (the process answers), <c>/health/ready</c> runs the ready ones.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
