namespace NeedsMap.Api.Reference;

public sealed class Category
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public string? ParentCode { get; set; }
    /// <summary>How much one need of this category weighs in demand indexes; the city sets it.</summary>
    public double Weight { get; set; } = 1.0;
    /// <summary>True for the categories of the standard taxonomy, false for the ones a city added.</summary>
    public bool IsStandard { get; init; }
    /// <summary>The departments that handle it (codes of <c>departments</c>), in the order they are called; the city sets them.</summary>
    public string[] Departments { get; set; } = [];
    /// <summary>When the city retired it (or merged it away): kept for history, never given to a new need.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
    /// <summary>The category it was merged into; its needs, labels and mappings moved there.</summary>
    public string? MergedInto { get; set; }
}
