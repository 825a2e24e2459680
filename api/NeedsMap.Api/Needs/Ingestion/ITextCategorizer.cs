namespace NeedsMap.Api.Needs.Ingestion;

public sealed record CategorySuggestion(string CategoryCode, double Confidence, string ClassifierVersion);

/// <summary>Suggests a category for a need's text when its channel sent none.</summary>
public interface ITextCategorizer
{
    CategorySuggestion Suggest(string text);
}
