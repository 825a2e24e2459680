namespace NeedsMap.Sdk.Testing;

/// <summary>A payload to check an adapter with, and whether the adapter should accept it.</summary>
/// <param name="Name">A name for the report, e.g. the file name.</param>
/// <param name="Payload">The payload as the channel would deliver it.</param>
/// <param name="IsValid">
/// <see langword="true"/>: every record must parse and none be rejected. <see langword="false"/>: at least one
/// record (or the whole payload) must come back rejected, without an exception; valid records beside it may parse.
/// </param>
public sealed record SamplePayload(string Name, ChannelPayload Payload, bool IsValid)
{
    /// <summary>The number of records the sample must yield, if the test wants it checked.</summary>
    public int? ExpectedRecords { get; init; }

    /// <summary>The number of rejections the sample must yield, if the test wants it checked.</summary>
    public int? ExpectedRejections { get; init; }

    /// <summary>
    /// Loads the samples of a plugin laid out the conventional way: <c>valid/</c> and <c>invalid/</c>
    /// folders under <paramref name="samplesDirectory"/>. The content type is taken from each file's extension
    /// (<c>.json</c>, <c>.xml</c>, <c>.csv</c>, <c>.txt</c>), or is <paramref name="contentType"/> when given.
    /// </summary>
    public static IReadOnlyList<SamplePayload> FromDirectory(string samplesDirectory, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(samplesDirectory);
        if (!Directory.Exists(samplesDirectory))
        {
            throw new DirectoryNotFoundException($"No samples directory at {samplesDirectory}.");
        }
        return Load(Path.Combine(samplesDirectory, "valid"), isValid: true, contentType)
            .Concat(Load(Path.Combine(samplesDirectory, "invalid"), isValid: false, contentType))
            .ToList();
    }

    /// <summary>The content type conventionally sent for a file extension.</summary>
    public static string ContentTypeFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".xml" => "application/xml",
        ".csv" => "text/csv",
        _ => "text/plain",
    };

    private static IEnumerable<SamplePayload> Load(string directory, bool isValid, string? contentType)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return Directory.EnumerateFiles(directory)
            .Order(StringComparer.Ordinal)
            .Select(path => new SamplePayload(
                $"{(isValid ? "valid" : "invalid")}/{Path.GetFileName(path)}",
                new ChannelPayload(File.ReadAllBytes(path), contentType ?? ContentTypeFor(path), Path.GetFileName(path)),
                isValid));
    }
}
