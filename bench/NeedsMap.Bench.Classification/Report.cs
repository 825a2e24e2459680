namespace NeedsMap.Bench.Classification;

internal static class Report
{
    public static void Write(string path) => throw new NotImplementedException(path);
}
