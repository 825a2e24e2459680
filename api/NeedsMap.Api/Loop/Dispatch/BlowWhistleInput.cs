namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>Needs by id, or a key matter (a category in a jurisdiction); departments and deadline default from the service list.</summary>
public sealed record BlowWhistleInput(string BlownBy, string? Title, IReadOnlyList<string>? NeedIds, string? CategoryCode,
    string? JurisdictionCode, IReadOnlyList<string>? DepartmentCodes, int? DeadlineHours, string? Note);

public sealed record WhistleActionInput(string Id, string DepartmentCode, string? Note);

public sealed record RateWhistleInput(string Id, int Rating, string? Note);

public sealed record ReopenWhistleInput(string Id, string? Note);

public sealed record ServiceItemInput(string? Id, string CategoryCode, string Name, IReadOnlyList<string> DepartmentCodes, int DeadlineHours);
