namespace NeedsMap.Sdk.Categories;

/// <summary>One entry of the standard two-level need taxonomy. Top-level entries have no parent.</summary>
/// <param name="Code">The stable code, <c>noise</c> or <c>noise.construction</c>.</param>
/// <param name="Name">The Chinese name.</param>
/// <param name="NameEn">The English name.</param>
/// <param name="ParentCode">The top-level code a second-level entry belongs to; <see langword="null"/> for a top-level entry.</param>
public sealed record StandardCategory(string Code, string Name, string NameEn, string? ParentCode)
{
    /// <summary>Whether this is a top-level entry.</summary>
    public bool IsTopLevel => ParentCode is null;
}
