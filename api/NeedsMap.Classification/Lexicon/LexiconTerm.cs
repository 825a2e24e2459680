namespace NeedsMap.Classification.Lexicon;

/// <summary>A keyword or phrase that signals a category. Weight 1 is an ordinary hint; 3 or more is decisive on its own.</summary>
public sealed record LexiconTerm(string Term, double Weight);

/// <summary>How strongly a text matched one category, and which terms matched.</summary>
public sealed record LexiconMatch(string CategoryCode, double Score, IReadOnlyList<string> Terms);
