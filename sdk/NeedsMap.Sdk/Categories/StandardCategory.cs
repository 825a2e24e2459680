namespace NeedsMap.Sdk.Categories;

/// <summary>One entry of the standard two-level need taxonomy. Top-level entries have no parent.</summary>
public sealed record StandardCategory(string Code, string Name, string NameEn, string? ParentCode)
{
    public bool IsTopLevel => ParentCode is null;
}
