namespace NeedsMap.Classification.Model;

public static class CategoryCodes
{
    /// <summary>"noise.construction" -> "noise". Works for a city's own codes too, which need not be in the standard taxonomy.</summary>
    public static string TopLevel(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? code : code[..dot];
    }
}
