namespace NeedsMap.Api.Security.Auth;

/// <summary>Which needs a role's records and aggregates come from.</summary>
public enum DataScope
{
    /// <summary>The whole city.</summary>
    City,
    /// <summary>The caller's jurisdiction (token claim <c>jurisdiction</c>) and everything below it.</summary>
    Subtree,
    /// <summary>The caller's own records: a resident's own needs, an integrator's own channel.</summary>
    OwnRecords,
    /// <summary>No records at all; city-wide aggregates with small groups suppressed.</summary>
    PublicAggregates,
}

/// <summary>What a root field gives access to. Every root field belongs to exactly one group (<see cref="RoleRights.GroupOf"/>).</summary>
[Flags]
public enum FieldGroup
{
    None = 0,
    /// <summary>Jurisdictions, categories, channels, node(id) (needs in it stay scoped).</summary>
    Reference = 1,
    /// <summary>Individual needs and everything else not listed: pages, single needs, subscriptions.</summary>
    Records = 2,
    /// <summary>Counts and statistics.</summary>
    Aggregates = 4,
    /// <summary>Submitting needs.</summary>
    Ingest = 8,
    /// <summary>The audit log.</summary>
    Audit = 16,
    /// <summary>Any mutation not listed: administration.</summary>
    Admin = 32,
    /// <summary>Acting on a whistle as a called department (报到, progress, 办结); department staff only for their own department.</summary>
    Dispatch = 64,
    /// <summary>The classifier's review queue and labelling needs, within the caller's scope.</summary>
    Review = 128,
    All = Reference | Records | Aggregates | Ingest | Audit | Admin | Dispatch | Review,
}

/// <summary>
/// One role's rights. <see cref="MaxDepth"/>, <see cref="MaxPageSize"/> and <see cref="MaxComplexity"/> never exceed the
/// global limits (GraphEdge/QueryLimits); complexity is counted as there, introspection free.
/// </summary>
public sealed record RoleRight(string Role, DataScope Scope, FieldGroup Groups, bool PersonalData, int MaxPageSize, int MaxDepth,
    int MaxComplexity, string Who);

/// <summary>
/// THE table of who may do what. The README's roles table is generated from it (a test fails when they differ),
/// and the authorization matrix test derives every expectation from it.
/// </summary>
public static class RoleRights
{
    public const string CityAdmin = "city_admin";
    public const string StreetOfficer = "street_officer";
    public const string CommunityWorker = "community_worker";
    public const string DepartmentStaff = "department_staff";
    public const string Deputy = "deputy";
    public const string Resident = "resident";
    public const string ChannelIntegrator = "channel_integrator";
    public const string Public = "public";

    private const FieldGroup Read = FieldGroup.Reference | FieldGroup.Records | FieldGroup.Aggregates;

    public static readonly IReadOnlyList<RoleRight> All =
    [
        new(CityAdmin, DataScope.City, FieldGroup.All, PersonalData: true, 500, 15, 50_000, "City platform administrators"),
        new(StreetOfficer, DataScope.Subtree, Read | FieldGroup.Ingest | FieldGroup.Review, PersonalData: true, 500, 15, 50_000, "Street (town) officers handling cases"),
        new(CommunityWorker, DataScope.Subtree, Read | FieldGroup.Ingest | FieldGroup.Review, PersonalData: true, 200, 12, 20_000, "Community (village) workers visiting residents"),
        new(DepartmentStaff, DataScope.City, Read | FieldGroup.Dispatch, PersonalData: false, 200, 12, 20_000,
            "City departments (token claim `department`): reading the city's needs, masked (a need may fall to any department before it is assigned), acting on whistles to their own department"),
        new(Deputy, DataScope.Subtree, Read, PersonalData: false, 100, 12, 10_000, "People's deputies and CPPCC committee members, their constituency"),
        new(Resident, DataScope.OwnRecords, Read | FieldGroup.Ingest, PersonalData: false, 50, 10, 5_000, "Residents: their own needs"),
        new(ChannelIntegrator, DataScope.OwnRecords, FieldGroup.Reference | FieldGroup.Records | FieldGroup.Ingest, PersonalData: false, 200, 10, 10_000, "Channel systems: their own channel's needs"),
        new(Public, DataScope.PublicAggregates, FieldGroup.Reference | FieldGroup.Aggregates, PersonalData: false, 50, 8, 5_000, "Anyone without a token"),
    ];

    /// <summary>Root fields by operation type; a field not named here is Records (query, subscription) or Admin (mutation).</summary>
    private static readonly Dictionary<string, FieldGroup> Fields = new(StringComparer.Ordinal)
    {
        ["query.node"] = FieldGroup.Reference,
        ["query.jurisdiction"] = FieldGroup.Reference,
        ["query.jurisdictions"] = FieldGroup.Reference,
        ["query.category"] = FieldGroup.Reference,
        ["query.categories"] = FieldGroup.Reference,
        ["query.channel"] = FieldGroup.Reference,
        ["query.channels"] = FieldGroup.Reference,
        ["query.holidays"] = FieldGroup.Reference,
        // Service areas are places like jurisdictions; their demand (areaTrend, areaForecast) is Records like trend and forecast.
        ["query.serviceAreas"] = FieldGroup.Reference,
        ["query.needs"] = FieldGroup.Records,
        ["query.need"] = FieldGroup.Records,
        ["query.needStats"] = FieldGroup.Aggregates,
        ["query.auditLog"] = FieldGroup.Audit,
        ["query.auditLogConnection"] = FieldGroup.Audit,
        // Quarantined records are not placed yet, so no jurisdiction scope can apply: city administrators only.
        ["query.rejectedRecords"] = FieldGroup.Admin,
        ["query.rejectedRecordsConnection"] = FieldGroup.Admin,
        ["query.channelPlugins"] = FieldGroup.Admin,
        ["mutation.replayRejected"] = FieldGroup.Admin,
        ["query.externalLabels"] = FieldGroup.Admin,
        ["mutation.submitNeed"] = FieldGroup.Ingest,
        ["mutation.acknowledgeWhistle"] = FieldGroup.Dispatch,
        ["mutation.reportWhistleProgress"] = FieldGroup.Dispatch,
        ["mutation.resolveWhistle"] = FieldGroup.Dispatch,
        ["subscription.needChanged"] = FieldGroup.Records,
        ["query.reviewQueue"] = FieldGroup.Review,
        ["mutation.labelNeed"] = FieldGroup.Review,
        // Models are city-wide: training, listing and activating them is administration.
        ["query.classifierModels"] = FieldGroup.Admin,
        ["query.classifierModelsConnection"] = FieldGroup.Admin,
        ["mutation.trainClassifier"] = FieldGroup.Admin,
        ["mutation.activateClassifierModel"] = FieldGroup.Admin,
        ["query.classifierTrainingSets"] = FieldGroup.Admin,
        // Rankings and portraits are counts; the demand list and cases show needs, so they stay Records.
        ["query.keyMatters"] = FieldGroup.Aggregates,
        ["query.topics"] = FieldGroup.Aggregates,
        ["query.groupPortraits"] = FieldGroup.Aggregates,
        // The public's view of the city (issue #15): the weather map, warnings, scenes with their verdicts and the city's
        // consultations, and their live events; counts with small groups left out, no record, need text or point.
        ["query.cells"] = FieldGroup.Aggregates,
        ["query.warnings"] = FieldGroup.Aggregates,
        ["query.warningsConnection"] = FieldGroup.Aggregates,
        ["query.scenes"] = FieldGroup.Aggregates,
        ["query.consultations"] = FieldGroup.Aggregates,
        ["query.consultationsConnection"] = FieldGroup.Aggregates,
        ["query.scenesConnection"] = FieldGroup.Aggregates,
        ["query.consultation"] = FieldGroup.Aggregates,
        ["subscription.cellChanged"] = FieldGroup.Aggregates,
        ["subscription.warningRaised"] = FieldGroup.Aggregates,
        ["subscription.keyMattersChanged"] = FieldGroup.Aggregates,
    };

    /// <summary>HTTP routes outside /graphql, by path prefix.</summary>
    public static FieldGroup GroupOfRoute(string path) =>
        path.StartsWith("/tiles/needs/", StringComparison.OrdinalIgnoreCase) ? FieldGroup.Records
        : path.StartsWith("/tiles/", StringComparison.OrdinalIgnoreCase) ? FieldGroup.Aggregates
        // Exported needs are records; exported counts, key matters and cells are aggregates.
        : path.StartsWith("/export/needs.", StringComparison.OrdinalIgnoreCase) ? FieldGroup.Records
        : path.StartsWith("/export/", StringComparison.OrdinalIgnoreCase) ? FieldGroup.Aggregates
        : path.StartsWith("/classifier/", StringComparison.OrdinalIgnoreCase) ? FieldGroup.Admin // a city's labelled history: training sets
        : FieldGroup.None; // channel inboxes authenticate the sending system by its channel key (Channels/Inbox/ChannelKeys), not by a person's token

    public static RoleRight For(string role) =>
        All.FirstOrDefault(r => r.Role == role) ?? throw new ArgumentException($"No role is called \"{role}\".", nameof(role));

    public static bool Exists(string role) => All.Any(r => r.Role == role);

    /// <param name="operationType">query, mutation or subscription.</param>
    public static FieldGroup GroupOf(string operationType, string fieldName) =>
        Fields.TryGetValue(operationType + "." + fieldName, out var group) ? group
        : operationType == "mutation" ? FieldGroup.Admin : FieldGroup.Records;

    /// <summary>The table as Markdown, for the README.</summary>
    public static string ToMarkdown()
    {
        var lines = new List<string>
        {
            "| role | who | scope | may use | personal data | page size | depth | complexity |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(All.Select(r =>
            $"| `{r.Role}` | {r.Who} | {r.Scope} | {string.Join(", ", Enum.GetValues<FieldGroup>().Where(g => g is not FieldGroup.None and not FieldGroup.All && r.Groups.HasFlag(g)))} | {(r.PersonalData ? "yes" : "masked")} | {r.MaxPageSize} | {r.MaxDepth} | {r.MaxComplexity.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} |"));
        return string.Join('\n', lines);
    }
}
