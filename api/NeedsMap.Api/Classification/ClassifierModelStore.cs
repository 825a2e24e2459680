using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification;

/// <summary>
/// Trained models as files: <c>{version}.zip</c> in the model folder, and <c>active.txt</c> holding the version in use
/// (absent: the shipped model). Files rather than rows, so every server sharing the folder loads the same model.
/// </summary>
public sealed partial class ClassifierModelStore(IOptions<ClassifierSettings> settings, IHostEnvironment environment)
{
    private const string ActiveFile = "active.txt";

    public string Folder { get; } = Path.Combine(environment.ContentRootPath, settings.Value.ModelFolder);

    public static bool IsValidVersion(string version) => VersionPattern().IsMatch(version);

    public string PathOf(string version) =>
        IsValidVersion(version) ? Path.Combine(Folder, version + ".zip") : throw new ArgumentException("Not a model version.", nameof(version));

    public void Save(NeedModel model) => model.Save(PathOf(model.Version));

    public bool Exists(string version) => IsValidVersion(version) && File.Exists(PathOf(version));

    public NeedModel Load(string version) => NeedModel.Load(PathOf(version));

    public IReadOnlyList<NeedModelInfo> List() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.zip").Select(NeedModel.ReadInfo).OrderBy(i => i.Version, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The active version and when it was set; null when the shipped model is in use.</summary>
    public (string Version, DateTime ChangedAt)? ReadActive()
    {
        var path = Path.Combine(Folder, ActiveFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var version = File.ReadAllText(path).Trim();
        return IsValidVersion(version) ? (version, File.GetLastWriteTimeUtc(path)) : null;
    }

    public DateTime? ActiveChangedAt()
    {
        var path = Path.Combine(Folder, ActiveFile);
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
    }

    public void WriteActive(string version)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, ActiveFile);
        File.WriteAllText(path + ".tmp", version);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public void ClearActive()
    {
        // File.Delete ignores a missing file but not a missing folder: nothing was ever activated here.
        if (Directory.Exists(Folder))
        {
            File.Delete(Path.Combine(Folder, ActiveFile));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex VersionPattern();
}
