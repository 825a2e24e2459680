namespace NeedsMap.Api.Needs.Filtering;

/// <summary>
/// What <c>textContains</c> means in memory, the same as PostgreSQL's <c>ILIKE</c> over a UTF-8 database (C.UTF-8 or
/// another glibc locale): both sides lower-cased one character at a time, then a plain substring. So case is folded
/// for every script (Ａ and ａ, Σ and σ) but width is not (A is not Ａ), final ς stays apart from σ, and <c>%</c>,
/// <c>_</c> and <c>\</c> are just characters (the SQL escapes them).
/// </summary>
public static class NeedText
{
    public static bool Contains(string text, string search) =>
        Lower(text).Contains(Lower(search), StringComparison.Ordinal);

    private static string Lower(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = Lower(source[i]);
        }
    });

    // .NET's invariant lower case follows Unicode's simple mapping except for the Turkish capital dotted I, which glibc
    // (and so PostgreSQL) lowers to a plain i.
    private static char Lower(char c) => c == '\u0130' ? 'i' : char.ToLowerInvariant(c);
}
