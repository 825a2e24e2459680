namespace NeedsMap.Api.Graph.Descriptions;

/// <summary>A city's own data (issue #16): divisions imports, the taxonomy's administration, training sets and reports.</summary>
internal static class CityDataDescriptions
{
    public static readonly (string Key, string Text)[] Entries =
    [
        ("DivisionImportReport.added", "Divisions the file adds."),
        ("DivisionImportReport.errorCount", "Findings that stop the import; nothing is written while there is one."),
        ("DivisionImportReport.unchanged", "Stored divisions the file repeats as they are."),
        ("DivisionIssue.message", "What is wrong, for a person, naming the rows or divisions involved."),
        ("DivisionIssue.severity", "ERROR stops the import; WARNING is told and the import goes on."),
        ("DivisionIssueSeverity.ERROR", "Stops the import: nothing is written. 错误：不导入。"),
        ("DivisionIssueSeverity.WARNING", "Told; the import goes on. 提示：继续导入。"),
        ("JurisdictionLevel.GRID", "A grid below a community (网格), imported with the city's divisions. 网格。"),
        ("ExternalLabel.category", "The category records with this label get."),
        ("ExternalLabel.updatedAt", "When the mapping was last set."),
        ("ExternalLabel.updatedBy", "Who set it (role:subject)."),
        ("CategoryMerge.into", "The category that took the merged one's needs."),
        ("CategoryMerge.movedNeeds", "Needs moved to it (each with a 'recategorized' history entry)."),
        ("UpdateCategoryInput.code", "The category to change."),
        ("UpdateCategoryInput.nameEn", "Renames it in English."),
        ("ClassifierTrainingSet.importedAt", "When it was imported."),
        ("ClassifierTrainingSet.labels", "Texts per category their labels resolved to."),
        ("LabelCount.count", "Texts with this label."),
        ("ReliabilityBin.count", "Texts whose confidence is in the band."),
        ("ReliabilityBin.meanConfidence", "Their mean calibrated confidence."),
    ];
}
