namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>A city department that answers whistles (职能部门), e.g. 住建局.</summary>
public sealed class Department
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
}
