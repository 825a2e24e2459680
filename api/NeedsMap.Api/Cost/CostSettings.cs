namespace NeedsMap.Api.Cost;

/// <summary>
/// <c>NeedsMap:Cost</c>: the per-role table (<see cref="CostLimits"/>, overridable per role), how long and how many of a
/// caller's requests may wait for a turn, and how long the maintenance mutations (rebuilds, training) may run.
/// </summary>
public sealed class CostSettings
{
    public const string Section = "NeedsMap:Cost";

    /// <summary>False turns budgets, concurrency limits and cost refusals off (the document limits stay).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long a request waits for one of its caller's running slots before it is refused.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many of one caller's requests may wait at once; more are refused at once. A browser opens at most six connections to
    /// a host, so a page's tiles fit; a flood's queue is work still to do while others wait, so it is kept short.
    /// </summary>
    public int QueueLength { get; init; } = 16;

    /// <summary>The time budget of a request that runs a maintenance field (<see cref="FieldCosts.IsMaintenance"/>).</summary>
    public TimeSpan MaintenanceTime { get; init; } = TimeSpan.FromMinutes(30);

    public required IReadOnlyDictionary<string, CostLimit> Limits { get; init; }

    public CostLimit For(string role) => Limits.TryGetValue(role, out var limit) ? limit : CostLimits.For(role);

    public static CostSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var limits = CostLimits.All.ToDictionary(l => l.Role, l =>
        {
            var role = section.GetSection("Roles:" + l.Role);
            return new CostLimit(l.Role, role.GetValue("RequestCost", l.RequestCost), role.GetValue("ExpensiveFields", l.ExpensiveFields),
                role.GetValue("RequestSeconds", l.RequestSeconds), role.GetValue("CallerSecondsPerMinute", l.CallerSecondsPerMinute),
                role.GetValue("Concurrent", l.Concurrent));
        });
        return new CostSettings
        {
            Enabled = section.GetValue("Enabled", true),
            QueueTimeout = TimeSpan.FromSeconds(section.GetValue("QueueSeconds", 10.0)),
            QueueLength = section.GetValue("QueueLength", 16),
            MaintenanceTime = TimeSpan.FromSeconds(section.GetValue("MaintenanceSeconds", 1800.0)),
            Limits = limits,
        };
    }
}
