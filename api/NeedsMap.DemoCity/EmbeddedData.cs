using System.Reflection;

namespace NeedsMap.DemoCity;

/// <summary>Reads the data files compiled into this assembly, so nothing depends on the working directory.</summary>
internal static class EmbeddedData
{
    public static string ReadText(string name)
    {
        var resource = "NeedsMap.DemoCity.yiwu." + name;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The rows of a small CSV whose fields hold no commas, quotes stripped, header skipped.</summary>
    public static IEnumerable<string[]> ReadCsv(string name)
    {
        var lines = ReadText(name).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines.Skip(1))
        {
            yield return line.Split(',').Select(f => f.Trim('"')).ToArray();
        }
    }
}
