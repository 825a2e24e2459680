using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Classification;

/// <summary>A secured host with its own model folder, training on a small slice of the shipped corpus so a training takes seconds.</summary>
public sealed class ClassifierHost : SecuredHost
{
    public const int CorpusPerCategory = 8;

    public string ModelFolder { get; } = Path.Combine(Path.GetTempPath(), "needsmap-models-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Classifier:ModelFolder", ModelFolder);
        builder.UseSetting("NeedsMap:Classifier:CorpusGeneratedPerCategory", CorpusPerCategory.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("NeedsMap:Classifier:CorpusHandWrittenPerCategory", CorpusPerCategory.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("NeedsMap:Classifier:ReviewThreshold", "0.5");
    }

    protected override void OnDisposed()
    {
        if (Directory.Exists(ModelFolder))
        {
            Directory.Delete(ModelFolder, recursive: true);
        }
    }
}
