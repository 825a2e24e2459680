using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification.Training;

/// <summary>What an imported training set holds.</summary>
public sealed record TrainingSetInfo(string Name, int Rows, int Skipped, IReadOnlyDictionary<string, int> Labels, DateTimeOffset ImportedAt, string ImportedBy);

/// <summary>
/// Imported training sets as files beside the models (<c>training-sets/{name}.csv</c> with labels resolved to category
/// codes, and <c>{name}.json</c> describing it), so every server sharing the model folder trains on the same texts.
/// A set is written beside and renamed into place: a reader never sees half an import.
/// </summary>
public sealed partial class TrainingSetStore(ClassifierModelStore models, IOptions<ClassifierSettings> settings, IHostEnvironment environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Folder { get; } = settings.Value.TrainingSetFolder is { } folder
        ? Path.Combine(environment.ContentRootPath, folder)
        : Path.Combine(models.Folder, "training-sets");

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public bool Exists(string name) => IsValidName(name) && File.Exists(CsvOf(name));

    public IReadOnlyList<TrainingSetInfo> List() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.json").Select(ReadInfo).OfType<TrainingSetInfo>().OrderBy(i => i.Name, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The set's texts, read as they are used.</summary>
    public IEnumerable<LabelledText> Read(string name)
    {
        using var reader = new StreamReader(CsvOf(name), Encoding.UTF8);
        foreach (var (text, _) in LabelledTextCsv.Stream(reader))
        {
            yield return text;
        }
    }

    /// <summary>A writer for a new version of the set; nothing is visible until <see cref="Pending.Commit"/>.</summary>
    public Pending Begin(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("Not a training set name.", nameof(name));
        }

        Directory.CreateDirectory(Folder);
        return new Pending(this, name, CsvOf(name) + "." + Guid.NewGuid().ToString("N") + ".tmp");
    }

    private string CsvOf(string name) => Path.Combine(Folder, name + ".csv");

    private static TrainingSetInfo? ReadInfo(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingSetInfo>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    public sealed class Pending : IDisposable
    {
        private readonly TrainingSetStore _store;
        private readonly string _name;
        private readonly string _temporary;
        private bool _committed;

        internal Pending(TrainingSetStore store, string name, string temporary)
        {
            (_store, _name, _temporary) = (store, name, temporary);
            Writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false));
            Writer.Write("text,category\n");
        }

        public StreamWriter Writer { get; }

        public void Write(LabelledText text) =>
            Writer.Write($"{Quote(text.Text)},{Quote(text.CategoryCode)}\n");

        public void Commit(TrainingSetInfo info)
        {
            Writer.Dispose();
            File.Move(_temporary, _store.CsvOf(_name), overwrite: true);
            var json = Path.Combine(_store.Folder, _name + ".json");
            File.WriteAllText(json + ".tmp", JsonSerializer.Serialize(info, Json));
            File.Move(json + ".tmp", json, overwrite: true);
            _committed = true;
        }

        public void Dispose()
        {
            Writer.Dispose();
            if (!_committed && File.Exists(_temporary))
            {
                File.Delete(_temporary);
            }
        }

        private static string Quote(string field) =>
            field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
