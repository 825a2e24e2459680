using System.Reflection;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests;

internal static class Samples
{
    /// <summary>Yiwu's extent in WGS-84, with a margin: every sample is in 义乌市.</summary>
    public static readonly GeoBoundingBox Yiwu = new(119.80, 29.00, 120.35, 29.55);

    public static readonly ConformanceOptions Options = new() { ExpectedArea = Yiwu };

    public static string RepositoryRoot { get; } = typeof(Samples).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string DirectoryOf(string channelProject) => Path.Combine(RepositoryRoot, "plugins", channelProject, "Samples");

    public static IReadOnlyList<SamplePayload> Of(string channelProject) => SamplePayload.FromDirectory(DirectoryOf(channelProject));

    public static ChannelPayload File(string channelProject, string relativePath)
    {
        var path = Path.Combine(DirectoryOf(channelProject), relativePath);
        return new ChannelPayload(System.IO.File.ReadAllBytes(path), SamplePayload.ContentTypeFor(path), Path.GetFileName(path));
    }

    public static ParseResult Parse(IChannelAdapter adapter, string channelProject, string relativePath) =>
        adapter.Parse(File(channelProject, relativePath), new TestChannelContext());
}
