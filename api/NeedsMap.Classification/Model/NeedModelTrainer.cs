using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using NeedsMap.Classification.Model.Features;

namespace NeedsMap.Classification.Model;

internal static class NeedModelTrainer
{
    public static NeedModel Train(IEnumerable<LabelledText> texts, TrainingOptions options)
    {
        var all = texts.ToList();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.NgramLength, 3);
        if (all.Select(t => t.CategoryCode).Distinct().Count() < 2)
        {
            throw new ArgumentException("Training needs texts of at least two categories.", nameof(texts));
        }

        var version = options.Version ?? DefaultVersion(all);
        var (train, holdOut) = Split(all, options);
        var model = Fit(train, options, version);
        if (holdOut.Count == 0)
        {
            return model;
        }

        var pairs = holdOut.Select(t => (t.CategoryCode, Predicted: model.Labels[ArgMax(model.Predict(t.Text))])).ToList();
        var evaluation = ModelEvaluation.Compute(pairs);
        if (options.RefitOnAllData)
        {
            model = Fit(all, options, version);
        }

        model.Evaluation = evaluation;
        return model;
    }

    /// <summary>Fits one model on all of <paramref name="texts"/>: no hold-out, no evaluation.</summary>
    internal static NeedModel Fit(IReadOnlyList<LabelledText> texts, TrainingOptions options, string version)
    {
        var (vocabulary, idf) = Vocabulary(texts, options);
        var vectorizer = new TextVectorizer(vocabulary, options.NgramLength, options.WordLength, idf);
        var dimension = vectorizer.Vocabulary.Count;
        var rows = new List<Row>(texts.Count);
        foreach (var text in texts)
        {
            var count = vectorizer.Vectorize(text.Text, out var ids, out var values);
            var indices = ids.ToArray();
            var vector = values.ToArray();
            Array.Sort(indices, vector);
            rows.Add(new Row { Label = text.CategoryCode, Features = new VBuffer<float>(dimension, count, vector, indices) });
        }

        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Label))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = nameof(Row.Features),
                L2Regularization = options.L2Regularization,
                L1Regularization = 0,
                MaximumNumberOfIterations = options.MaximumIterations,
                NumberOfThreads = 1,
            }));
        var fitted = pipeline.Fit(data);

        VBuffer<ReadOnlyMemory<char>> keyNames = default;
        fitted.GetOutputSchema(data.Schema)["Label"].GetKeyValues(ref keyNames);
        var labels = keyNames.DenseValues().Select(n => n.ToString()).ToArray();

        var parameters = fitted.LastTransformer.Model;
        VBuffer<float>[] classWeights = default!;
        parameters.GetWeights(ref classWeights, out var classCount);
        var dense = new float[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            dense[c] = new float[dimension];
            foreach (var (f, value) in classWeights[c].Items())
            {
                dense[c][f] = value;
            }
        }

        return new NeedModel(vectorizer, dense, parameters.GetBiases().ToArray(), labels, version, texts.Count);
    }

    /// <summary>
    /// Character n-grams and dictionary words seen in at least <see cref="TrainingOptions.MinimumDocumentFrequency"/>
    /// texts, in a stable order, with their smoothed IDF, ln((1 + n) / (1 + df)) + 1, when the options ask for it.
    /// </summary>
    private static (FrozenDictionary<ulong, int> Vocabulary, float[]? Idf) Vocabulary(IReadOnlyList<LabelledText> texts, TrainingOptions options)
    {
        var documentFrequency = new Dictionary<ulong, int>();
        var seen = new HashSet<ulong>();
        foreach (var text in texts)
        {
            seen.Clear();
            var collector = new KeyCollector(seen, words: false);
            CharNgrams.Visit(text.Text, options.NgramLength, ref collector);
            var words = new KeyCollector(seen, words: true);
            WordKeys.Visit(text.Text, options.WordLength, ref words);
            foreach (var key in seen)
            {
                documentFrequency[key] = documentFrequency.GetValueOrDefault(key) + 1;
            }
        }

        var kept = documentFrequency.Where(kv => kv.Value >= options.MinimumDocumentFrequency).OrderBy(kv => kv.Key).ToList();
        var vocabulary = kept.Select((kv, i) => (kv.Key, i)).ToFrozenDictionary(p => p.Key, p => p.i);
        var idf = options.UseIdf
            ? kept.Select(kv => (float)(Math.Log((1.0 + texts.Count) / (1.0 + kv.Value)) + 1)).ToArray()
            : null;
        return (vocabulary, idf);
    }

    private readonly struct KeyCollector(HashSet<ulong> keys, bool words) : INgramVisitor
    {
        public void Visit(ulong key)
        {
            if (!words || DictionaryWords.Contains(key))
            {
                keys.Add(key);
            }
        }
    }

    private static (List<LabelledText> Train, List<LabelledText> HoldOut) Split(List<LabelledText> texts, TrainingOptions options)
    {
        if (options.HoldOutFraction <= 0)
        {
            return (texts, []);
        }

        var random = new Random(options.Seed);
        var train = new List<LabelledText>();
        var holdOut = new List<LabelledText>();
        foreach (var group in texts.GroupBy(t => t.CategoryCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shuffled = group.OrderBy(_ => random.Next()).ToList();
            var take = Math.Min((int)Math.Round(shuffled.Count * options.HoldOutFraction), shuffled.Count - 1);
            holdOut.AddRange(shuffled.Take(take));
            train.AddRange(shuffled.Skip(take));
        }

        return (train, holdOut);
    }

    internal static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static string DefaultVersion(List<LabelledText> texts)
    {
        var sb = new StringBuilder();
        foreach (var t in texts)
        {
            sb.Append(t.CategoryCode).Append('\t').Append(t.Text).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..8];
        return $"needs-{DateTime.UtcNow:yyyyMMddHHmmss}-{texts.Count}-{hash}";
    }

    private sealed class Row
    {
        public string Label { get; set; } = string.Empty;

        public VBuffer<float> Features { get; set; }
    }
}
