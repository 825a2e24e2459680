using System.Collections;

namespace NeedsMap.Api.Cost;

/// <summary>
/// What a field costs the database, in units of about a millisecond of PostgreSQL time on the demo city (20,000 needs;
/// scale grows with the needs a field reads). Reference data (categories, channels, jurisdictions) is served from memory
/// and costs nothing; a lookup by id or a batched load costs one or two; a page of needs ten plus its size; aggregates
/// (statistics, key matters, cells, trends) fifty to a hundred; a filter adds its conditions: a text search scans every
/// text (+50), a spatial condition +10 to +20 and more with the geometry's size. Nested fields load in batches, so they cost
/// once per field, not once per item, except <see cref="PerItem"/> ones. A new root field not in the table costs the
/// default of its operation type; <c>CostModelTests</c> fails until it is given its own line.
/// </summary>
public static class FieldCosts
{
    /// <summary>A field at least this costly is expensive: a request may ask for only so many of them (aliases included).</summary>
    public const int Expensive = 50;

    public const int DefaultQuery = 10;
    public const int DefaultMutation = 20;
    public const int DefaultSubscription = 5;

    internal static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        // Served from memory.
        ["Query.categories"] = 0, ["Query.category"] = 0, ["Query.channels"] = 0, ["Query.channelPlugins"] = 0, ["Query.departments"] = 0,
        ["Query.jurisdiction"] = 0, ["Query.jurisdictions"] = 0, ["Query.classifierModels"] = 1, ["Query.classifierTrainingSets"] = 1,
        ["Query.holidays"] = 2, ["Query.serviceAreas"] = 5,
        // Lookups and short lists.
        ["Query.need"] = 2, ["Query.node"] = 2, ["Query.case"] = 2, ["Query.whistle"] = 2, ["Query.consultation"] = 2,
        ["Query.needHistory"] = 5, ["Query.serviceList"] = 2, ["Query.oneThings"] = 5, ["Query.reformList"] = 5, ["Query.scenes"] = 5,
        ["Query.consultations"] = 10, ["Query.whistles"] = 10, ["Query.warnings"] = 10, ["Query.auditLog"] = 10,
        ["Query.rejectedRecords"] = 10, ["Query.reviewQueue"] = 10,
        // The loop's lists a page at a time; counting the whole list is extra.
        ["Query.whistlesConnection"] = 10, ["Query.consultationsConnection"] = 10, ["Query.scenesConnection"] = 5,
        ["Query.reformListConnection"] = 5, ["Query.oneThingsConnection"] = 5,
        ["WhistleConnection.totalCount"] = 5, ["ConsultationConnection.totalCount"] = 5, ["SceneConnection.totalCount"] = 2,
        ["ReformItemConnection.totalCount"] = 2, ["OneThingConnection.totalCount"] = 2,
        ["Query.rejectedRecordsConnection"] = 10, ["Query.serviceListConnection"] = 2,
        ["RejectedRecordConnection.totalCount"] = 5, ["ServiceItemConnection.totalCount"] = 2,
        ["Query.warningsConnection"] = 10, ["Query.auditLogConnection"] = 10, ["Query.classifierModelsConnection"] = 1,
        ["DemandWarningConnection.totalCount"] = 5, ["AuditEntryConnection.totalCount"] = 5, ["ClassifierModelConnection.totalCount"] = 0,
        // Pages of needs; counting the whole match is extra.
        ["Query.needs"] = 10, ["NeedConnection.totalCount"] = 20, ["ReviewItemConnection.totalCount"] = 20,
        // Aggregates.
        ["Query.needStats"] = 50, ["Query.cells"] = 50, ["Query.trend"] = 50, ["Query.forecast"] = 100,
        ["Query.keyMatters"] = 100, ["Query.topics"] = 100, ["Query.demandList"] = 100, ["Query.groupPortraits"] = 100,
        ["Query.sceneEffect"] = 100, ["Query.areaTrend"] = 50, ["Query.areaForecast"] = 100,
        // Batched loads under a need or a jurisdiction; the contact is decrypted and audited need by need.
        ["Need.case"] = 1, ["Jurisdiction.boundary"] = 1, ["Need.reporterContact"] = 1,
        // Mutations: one need or one record at a time.
        ["Mutation.submitNeed"] = 20, ["Mutation.labelNeed"] = 20, ["Mutation.blowWhistle"] = 20, ["Mutation.acknowledgeWhistle"] = 10,
        ["Mutation.reportWhistleProgress"] = 10, ["Mutation.resolveWhistle"] = 10, ["Mutation.rateWhistle"] = 10, ["Mutation.reopenWhistle"] = 10,
        ["Mutation.createScene"] = 20, ["Mutation.startConsultation"] = 10, ["Mutation.joinConsultation"] = 10, ["Mutation.postToConsultation"] = 10,
        ["Mutation.hidePost"] = 10, ["Mutation.propose"] = 10, ["Mutation.supportProposal"] = 10, ["Mutation.closeConsultation"] = 10,
        ["Mutation.addReformItem"] = 10, ["Mutation.createOneThing"] = 10, ["Mutation.saveServiceItem"] = 10,
        ["Mutation.setHoliday"] = 10, ["Mutation.removeHoliday"] = 10, ["Mutation.removeServiceArea"] = 20,
        // Maintenance: each may run for minutes over the whole city.
        ["Mutation.rebuildCells"] = 1_000, ["Mutation.rebuildKeyMatters"] = 1_000, ["Mutation.trainClassifier"] = 1_000,
        ["Mutation.setCategoryWeight"] = 500, ["Mutation.detectWarnings"] = 500, ["Mutation.evaluateScene"] = 100,
        ["Mutation.replayRejected"] = 100, ["Mutation.activateClassifierModel"] = 20,
        ["Mutation.detectSocialRisks"] = 500, ["Mutation.importServiceAreas"] = 100,
        // Validates a whole city's geometry, then relocates every need and rebuilds the rollups.
        ["Mutation.importDivisions"] = 1_000,
        // The city's taxonomy: a merge (and a move) moves needs and rebuilds the rollups.
        ["Mutation.addCategory"] = 20, ["Mutation.retireCategory"] = 20, ["Mutation.setExternalLabel"] = 10, ["Mutation.removeExternalLabel"] = 10,
        ["Mutation.updateCategory"] = 1_000, ["Mutation.mergeCategories"] = 1_000, ["Query.externalLabels"] = 2,
        // Subscribing reads nothing until events come; each event is one need or one change.
        ["Subscription.needChanged"] = 5, ["Subscription.cellChanged"] = 5, ["Subscription.warningRaised"] = 5,
        ["Subscription.keyMattersChanged"] = 5, ["Subscription.whistleChanged"] = 5, ["Subscription.consultationActivity"] = 5,
    };

    /// <summary>Fields that may run for minutes: their request gets <see cref="CostSettings.MaintenanceTime"/>.</summary>
    private static readonly HashSet<string> Maintenance = new(StringComparer.Ordinal)
    {
        "Mutation.rebuildCells", "Mutation.rebuildKeyMatters", "Mutation.trainClassifier", "Mutation.setCategoryWeight",
        "Mutation.detectWarnings", "Mutation.replayRejected", "Mutation.detectSocialRisks", "Mutation.importDivisions",
        "Mutation.updateCategory", "Mutation.mergeCategories",
    };

    /// <summary>Fields that cost their units once per item of the lists above them, not once per field.</summary>
    private static readonly HashSet<string> PerItem = new(StringComparer.Ordinal) { "Need.reporterContact" };

    public static bool IsListed(string type, string field) => Units.ContainsKey(type + "." + field);

    public static bool IsMaintenance(string type, string field) => Maintenance.Contains(type + "." + field);

    public static bool IsPerItem(string type, string field) => PerItem.Contains(type + "." + field);

    /// <summary>The field's units with its arguments (<paramref name="argument"/> gives each one's value as JSON-like objects).</summary>
    public static int Of(string type, string field, Func<string, object?> argument)
    {
        var units = Units.TryGetValue(type + "." + field, out var listed) ? listed : type switch
        {
            "Query" => DefaultQuery,
            "Mutation" => DefaultMutation,
            "Subscription" => DefaultSubscription,
            _ => 0,
        };
        if (units == 0)
        {
            return 0;
        }
        if (PageSize(argument("first") ?? argument("last")) is { } size)
        {
            units += size / 10;
        }
        return units + FilterUnits(argument("where"), 0);
    }

    /// <summary>A page's size as asked for; out of range is the resolver's to refuse, so it counts at most a full page.</summary>
    public static int? PageSize(object? value) => value switch
    {
        int i => Math.Clamp(i, 0, 500),
        long l => (int)Math.Clamp(l, 0, 500),
        double d when double.IsFinite(d) => (int)Math.Clamp(d, 0, 500),
        _ => null,
    };

    /// <summary>A NeedFilter's conditions: text searches scan every text; spatial conditions grow with their geometry.</summary>
    public static int FilterUnits(object? filter, int depth)
    {
        if (filter is not IDictionary<string, object?> fields || depth > 16)
        {
            return 0;
        }
        var units = 1;
        foreach (var (name, value) in fields)
        {
            units += name switch
            {
                "textContains" => value is null ? 0 : 50,
                "within" or "intersects" => value is null ? 0 : 20 + Count(value, 0) / 200,
                "near" => value is null ? 0 : 10,
                "bbox" => value is null ? 0 : 2,
                "and" or "or" => value is IEnumerable children and not string
                    ? children.Cast<object?>().Sum(child => FilterUnits(child, depth + 1)) : FilterUnits(value, depth + 1),
                "not" => FilterUnits(value, depth + 1),
                // Each distinct code is one more path comparison on every need read (Filtering/NeedFilterSql); repeats are free.
                "jurisdictionIn" => value is IEnumerable codes and not string ? codes.Cast<object?>().Distinct().Count() : 1,
                _ => value is ICollection list ? list.Count / 100 : 0,
            };
        }
        return units;
    }

    /// <summary>Numbers in a GeoJSON value (two per vertex), capped so a hostile value cannot make counting slow.</summary>
    private static int Count(object? value, int depth) => value switch
    {
        _ when depth > 8 => 0,
        IDictionary<string, object?> map => map.TryGetValue("coordinates", out var c) ? Count(c, depth + 1) : 0,
        IEnumerable items and not string => Math.Min(1_000_000, items.Cast<object?>().Sum(item => Count(item, depth + 1))),
        _ => 1,
    };
}
