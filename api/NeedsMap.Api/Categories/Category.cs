namespace NeedsMap.Api.Categories;

public sealed class Category
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public string? ParentCode { get; init; }
    /// <summary>How much one need of this category weighs in demand indexes; the city sets it.</summary>
    public double Weight { get; set; } = 1.0;
    /// <summary>True for the categories of the standard taxonomy, false for the ones a city added.</summary>
    public bool IsStandard { get; init; }
}
