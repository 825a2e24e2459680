namespace NeedsMap.Classification.Model;

/// <summary>A text with the category a person gave it; <paramref name="SecondaryCodes"/> lists other issues it raises.</summary>
public sealed record LabelledText(string Text, string CategoryCode, IReadOnlyList<string>? SecondaryCodes = null);
