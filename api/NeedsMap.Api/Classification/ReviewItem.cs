using NeedsMap.Api.Needs;

namespace NeedsMap.Api.Classification;

/// <summary>A need awaiting a person's category, with what the classifier in use now makes of its text.</summary>
public sealed record ReviewItem(Need Need, IReadOnlyList<CategoryScoreView> Suggestions);

public sealed record CategoryScoreView(string CategoryCode, double Score);
