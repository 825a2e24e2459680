using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeedsMap.Classification.Model;

/// <summary>
/// A trained ML.NET multiclass model over jieba word n-grams and character n-grams. Safe to share across threads:
/// ML.NET's PredictionEngine is not thread-safe, so engines are pooled and each call rents one.
/// </summary>
public sealed class NeedModel : IDisposable
{
    private const string ModelEntry = "mlnet-model.zip";
    private const string MetadataEntry = "needsmap-model.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly ConcurrentBag<PredictionEngine<ModelInput, ModelOutput>> _engines = [];
    private readonly LinearScorer? _fastScorer;
    private bool _disposed;

    internal NeedModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, string version, ModelEvaluation? evaluation, int trainingCount)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        Version = version;
        Evaluation = evaluation;
        TrainingCount = trainingCount;

        var engine = _ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_transformer, _inputSchema);
        Labels = ReadLabels(engine.OutputSchema);
        _engines.Add(engine);
        _fastScorer = LinearScorer.TryCreate(_transformer, _inputSchema);
    }

    /// <summary>True when predictions skip ML.NET's PredictionEngine and use the model's weights directly (same results).</summary>
    public bool UsesFastScorer => _fastScorer is not null;

    public string Version { get; }

    /// <summary>The category codes the model can predict, in the order of <see cref="Predict(string)"/>'s scores.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Scores on the held-out share of the training texts; null when trained with no hold-out.</summary>
    public ModelEvaluation? Evaluation { get; internal set; }

    public int TrainingCount { get; }

    public static NeedModel Train(IEnumerable<LabelledText> texts, TrainingOptions? options = null) => NeedModelTrainer.Train(texts, options ?? new TrainingOptions());

    /// <summary>Class probabilities for one raw text, aligned with <see cref="Labels"/>.</summary>
    public float[] Predict(string text) => Predict(FeatureText.From(text));

    internal float[] Predict(FeatureText features)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _fastScorer is null ? PredictWithEngine(features) : _fastScorer.Predict(features);
    }

    /// <summary>The reference path through ML.NET; <see cref="Predict(string)"/> gives the same probabilities faster.</summary>
    internal float[] PredictWithEngine(FeatureText features)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_transformer, _inputSchema);
        }

        try
        {
            return engine.Predict(new ModelInput { Tokens = features.Tokens, Chars = features.Chars }).Score;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open())
        {
            // ML.NET's own format is already a zip; storing it uncompressed inside ours costs nothing.
            using var buffer = new MemoryStream();
            _ml.Model.Save(_transformer, _inputSchema, buffer);
            buffer.Position = 0;
            buffer.CopyTo(entry);
        }

        using var meta = zip.CreateEntry(MetadataEntry).Open();
        JsonSerializer.Serialize(meta, new ModelMetadata(Version, TrainingCount, Evaluation), Json);
    }

    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    public static NeedModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var modelEntry = zip.GetEntry(ModelEntry) ?? throw new InvalidDataException($"Not a needs model: no {ModelEntry}.");
        var metaEntry = zip.GetEntry(MetadataEntry) ?? throw new InvalidDataException($"Not a needs model: no {MetadataEntry}.");

        ModelMetadata metadata;
        using (var meta = metaEntry.Open())
        {
            metadata = JsonSerializer.Deserialize<ModelMetadata>(meta, Json) ?? throw new InvalidDataException("Empty model metadata.");
        }

        var ml = new MLContext();
        using var buffer = new MemoryStream();
        using (var model = modelEntry.Open())
        {
            model.CopyTo(buffer);
        }

        buffer.Position = 0;
        var transformer = ml.Model.Load(buffer, out var schema);
        return new NeedModel(ml, transformer, schema, metadata.Version, metadata.Evaluation, metadata.TrainingCount);
    }

    public static NeedModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_engines.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }

    private static string[] ReadLabels(DataViewSchema outputSchema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        outputSchema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private sealed record ModelMetadata(string Version, int TrainingCount, ModelEvaluation? Evaluation);
}
