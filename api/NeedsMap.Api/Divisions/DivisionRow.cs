using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Divisions;

/// <summary>
/// One division as a city's table gives it: code, name, parent code (empty for the city), and optionally the level it
/// claims (city, street, community, grid or 1–4), its local kind (街道, 镇, 社区, 村, 网格…) and its registered name.
/// <see cref="Line"/> is where it stood in the file, for the report.
/// </summary>
public sealed record DivisionRow(int Line, string Code, string Name, string? ParentCode, JurisdictionLevel? Level, string? Kind, string? OfficialName);

/// <summary>How bad a finding is: an error stops the import, a warning is told and the import goes on.</summary>
public enum DivisionIssueSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One finding of the validation: a stable <see cref="Code"/> (DUPLICATE_CODE, UNKNOWN_PARENT, OUTSIDE_PARENT, OVERLAP,
/// GAP, …; the README lists them), the division it is about, a sentence, and the measured share where one applies.
/// </summary>
public sealed record DivisionIssue(DivisionIssueSeverity Severity, string Code, string? Division, string Message, double? Share = null)
{
    public static DivisionIssue Error(string code, string? division, string message, double? share = null) =>
        new(DivisionIssueSeverity.Error, code, division, message, share);

    public static DivisionIssue Warning(string code, string? division, string message, double? share = null) =>
        new(DivisionIssueSeverity.Warning, code, division, message, share);
}
