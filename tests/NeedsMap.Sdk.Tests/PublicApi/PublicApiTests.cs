using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace NeedsMap.Sdk.Tests.PublicApi;

/// <summary>
/// Pins the public surface of the published NeedsMap.Sdk package: plugins compiled against one version
/// must keep loading in the host. A change here is a deliberate contract change: review the diff in
/// NeedsMap.Sdk.received.txt, then copy it over NeedsMap.Sdk.approved.txt.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void Sdk_public_api_has_not_changed_unintentionally()
    {
        var options = new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        };
        var api = typeof(IChannelAdapter).Assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");

        var approvedPath = Path.Combine(SourceDirectory(), "NeedsMap.Sdk.approved.txt");
        var receivedPath = Path.Combine(SourceDirectory(), "NeedsMap.Sdk.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (api != approved)
        {
            File.WriteAllText(receivedPath, api);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        Assert.True(api == approved, $"The public API differs from {approvedPath}; see {receivedPath}.");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
