using System.Collections.Frozen;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using NeedsMap.Classification.Model.Features;

namespace NeedsMap.Classification.Model;

/// <summary>
/// A trained multiclass linear model over character n-grams and jieba dictionary words (see <see cref="TextVectorizer"/>),
/// fitted with ML.NET's L-BFGS maximum entropy trainer and scored here straight from its weights: no segmentation, no
/// ML.NET and no jieba dictionary at prediction time, nothing allocated per feature. Immutable and thread-safe.
/// </summary>
public sealed class NeedModel
{
    private const string WeightsEntry = "weights.bin";
    private const string MetadataEntry = "needsmap-model.json";
    private const int FormatVersion = 3;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextVectorizer _vectorizer;
    private readonly float[] _weights; // [feature * _stride + class], classes padded to a whole SIMD vector
    private readonly float[] _biases;
    private readonly int _stride;

    internal NeedModel(TextVectorizer vectorizer, float[][] classWeights, float[] biases, IReadOnlyList<string> labels, string version, int trainingCount)
    {
        _vectorizer = vectorizer;
        Labels = labels;
        Version = version;
        TrainingCount = trainingCount;
        _stride = (labels.Count + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        _biases = new float[_stride];
        biases.AsSpan().CopyTo(_biases);
        var features = vectorizer.Vocabulary.Count;
        _weights = new float[features * _stride];
        for (var c = 0; c < labels.Count; c++)
        {
            var column = classWeights[c];
            for (var f = 0; f < features; f++)
            {
                _weights[f * _stride + c] = column[f];
            }
        }
    }

    public string Version { get; }

    /// <summary>The category codes the model can predict, in the order of <see cref="Predict(string)"/>'s scores.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Scores on texts held out from fitting (k-fold or a hold-out share); null when nothing was held out.</summary>
    public ModelEvaluation? Evaluation { get; internal set; }

    /// <summary>
    /// Calibration: the classifier's blended scores are raised to 1 / T and renormalised, so that a confidence of p is
    /// right about p of the time on texts like those it was calibrated on (1 leaves them as they are).
    /// </summary>
    public double Temperature { get; internal set; } = 1;

    /// <summary>What the model says about itself, as a saved file's <see cref="ReadInfo"/> would.</summary>
    public NeedModelInfo Info => new(Version, TrainingCount, Evaluation, CreatedAt) { Labels = Labels, Temperature = Temperature };

    /// <summary>Longest dictionary word among the features (0: character n-grams only).</summary>
    public int WordLength => _vectorizer.WordLength;

    public int TrainingCount { get; }

    /// <summary>When it was trained (UTC); set by the trainer, kept through save and load.</summary>
    public DateTime CreatedAt { get; internal init; } = DateTime.UtcNow;

    /// <summary>How many n-grams the model knows.</summary>
    public int FeatureCount => _vectorizer.Vocabulary.Count;

    /// <summary>
    /// The model trained from <see cref="TrainingCorpus.Shipped"/> and embedded in this library, loaded on first use;
    /// null in a build made before it was trained.
    /// </summary>
    public static NeedModel? Shipped => ShippedModel.Value;

    private static readonly Lazy<NeedModel?> ShippedModel = new(() =>
    {
        using var stream = typeof(NeedModel).Assembly.GetManifestResourceStream("NeedsMap.Classification.needs-model.zip");
        return stream is null ? null : Load(stream);
    });

    public static NeedModel Train(IEnumerable<LabelledText> texts, TrainingOptions? options = null) => NeedModelTrainer.Train(texts, options ?? new TrainingOptions());

    /// <summary>Class probabilities for one text, aligned with <see cref="Labels"/>.</summary>
    public float[] Predict(string text)
    {
        var probabilities = new float[Labels.Count];
        Predict(text, probabilities);
        return probabilities;
    }

    /// <summary>Writes class probabilities for <paramref name="text"/> into <paramref name="probabilities"/> (length ≥ label count).</summary>
    public void Predict(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var classes = Labels.Count;
        Span<float> scores = stackalloc float[_stride];
        _biases.CopyTo(scores);
        var count = _vectorizer.Vectorize(text, out var ids, out var values);
        var lanes = MemoryMarshal.Cast<float, Vector<float>>(scores);
        var weights = _weights.AsSpan();
        for (var i = 0; i < count; i++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(weights.Slice(ids[i] * _stride, _stride));
            var x = new Vector<float>(values[i]);
            for (var v = 0; v < lanes.Length; v++)
            {
                lanes[v] += row[v] * x;
            }
        }

        // Softmax, as ML.NET's MaximumEntropyModelParameters does.
        var max = float.NegativeInfinity;
        for (var c = 0; c < classes; c++)
        {
            max = MathF.Max(max, scores[c]);
        }

        var sum = 0f;
        for (var c = 0; c < classes; c++)
        {
            probabilities[c] = MathF.Exp(scores[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < classes; c++)
        {
            probabilities[c] /= sum;
        }
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry(WeightsEntry, CompressionLevel.Fastest).Open())
        using (var writer = new BinaryWriter(entry))
        {
            var vocabulary = _vectorizer.Vocabulary.OrderBy(kv => kv.Value).ToList();
            writer.Write(vocabulary.Count);
            writer.Write(Labels.Count);
            foreach (var (key, _) in vocabulary)
            {
                writer.Write(key);
            }

            if (_vectorizer.Idf is { } idf)
            {
                writer.Write(MemoryMarshal.AsBytes(idf.AsSpan()));
            }

            for (var f = 0; f < vocabulary.Count; f++)
            {
                writer.Write(MemoryMarshal.AsBytes(_weights.AsSpan(f * _stride, Labels.Count)));
            }

            writer.Write(MemoryMarshal.AsBytes(_biases.AsSpan(0, Labels.Count)));
        }

        using var meta = zip.CreateEntry(MetadataEntry).Open();
        JsonSerializer.Serialize(meta, new ModelMetadata(FormatVersion, Version, TrainingCount, _vectorizer.MaxLength, [.. Labels], Evaluation, CreatedAt)
        {
            WordLength = _vectorizer.WordLength,
            HasIdf = _vectorizer.Idf is not null,
            Temperature = Temperature,
        }, Json);
    }

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Written beside and renamed, so a reader never loads half a model.
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Save(file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static NeedModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var metaEntry = zip.GetEntry(MetadataEntry) ?? throw new InvalidDataException($"Not a needs model: no {MetadataEntry}.");
        var weightsEntry = zip.GetEntry(WeightsEntry) ?? throw new InvalidDataException($"Not a needs model of format {FormatVersion}: no {WeightsEntry}.");

        ModelMetadata metadata;
        using (var meta = metaEntry.Open())
        {
            metadata = JsonSerializer.Deserialize<ModelMetadata>(meta, Json) ?? throw new InvalidDataException("Empty model metadata.");
        }

        // Format 2 (character n-grams, no IDF, no calibration) still loads: models trained before issue #16 stay usable.
        if (metadata.Format is not (2 or FormatVersion))
        {
            throw new InvalidDataException($"Model format {metadata.Format} is not 2 or {FormatVersion}; retrain it.");
        }

        using var entry = weightsEntry.Open();
        using var reader = new BinaryReader(entry);
        var features = reader.ReadInt32();
        var classes = reader.ReadInt32();
        if (classes != metadata.Labels.Length)
        {
            throw new InvalidDataException("Model weights and labels disagree.");
        }

        var vocabulary = new Dictionary<ulong, int>(features);
        for (var f = 0; f < features; f++)
        {
            vocabulary[reader.ReadUInt64()] = f;
        }

        float[]? idf = null;
        if (metadata.HasIdf)
        {
            idf = new float[features];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(idf.AsSpan()));
        }

        var byFeature = new float[features * classes];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(byFeature.AsSpan()));
        var biases = new float[classes];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(biases.AsSpan()));
        var classWeights = new float[classes][];
        for (var c = 0; c < classes; c++)
        {
            classWeights[c] = new float[features];
            for (var f = 0; f < features; f++)
            {
                classWeights[c][f] = byFeature[f * classes + c];
            }
        }

        var vectorizer = new TextVectorizer(vocabulary.ToFrozenDictionary(), metadata.NgramLength, metadata.WordLength, idf);
        return new NeedModel(vectorizer, classWeights, biases, metadata.Labels, metadata.Version, metadata.TrainingCount)
        {
            Evaluation = metadata.Evaluation,
            CreatedAt = metadata.CreatedAt ?? default,
            Temperature = metadata.Temperature is > 0 and var t ? t : 1,
        };
    }

    /// <summary>A saved model's version, size and evaluation, without reading its weights.</summary>
    public static NeedModelInfo ReadInfo(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var metaEntry = zip.GetEntry(MetadataEntry) ?? throw new InvalidDataException($"Not a needs model: no {MetadataEntry}.");
        using var meta = metaEntry.Open();
        var metadata = JsonSerializer.Deserialize<ModelMetadata>(meta, Json) ?? throw new InvalidDataException("Empty model metadata.");
        return new NeedModelInfo(metadata.Version, metadata.TrainingCount, metadata.Evaluation, metadata.CreatedAt ?? File.GetLastWriteTimeUtc(path))
        {
            Labels = metadata.Labels,
            Temperature = metadata.Temperature is > 0 and var t ? t : 1,
        };
    }

    public static NeedModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    private sealed record ModelMetadata(int Format, string Version, int TrainingCount, int NgramLength, string[] Labels, ModelEvaluation? Evaluation, DateTime? CreatedAt = null)
    {
        public int WordLength { get; init; }

        public bool HasIdf { get; init; }

        public double? Temperature { get; init; }
    }
}
