using System.Collections.Frozen;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace NeedsMap.Classification.Model;

/// <summary>
/// Scores a text straight from the trained linear model's weights, skipping ML.NET's PredictionEngine (whose per-call
/// overhead is most of a prediction here). It replays the pipeline exactly for the unigram case: term counts of jieba
/// tokens and of characters, each L2-normalised, concatenated, then softmax(W·x + b). It only exists when the pipeline
/// is the one <see cref="NeedModelTrainer"/> builds with unigrams; otherwise <see cref="TryCreate"/> returns null and the
/// PredictionEngine path is used. A test checks both paths give the same probabilities.
/// </summary>
internal sealed class LinearScorer
{
    private readonly FrozenDictionary<string, int> _words;
    private readonly FrozenDictionary<char, int> _chars;
    private readonly float[][] _weights; // [feature][class]
    private readonly float[] _biases;

    private LinearScorer(FrozenDictionary<string, int> words, FrozenDictionary<char, int> chars, float[][] weights, float[] biases)
    {
        _words = words;
        _chars = chars;
        _weights = weights;
        _biases = biases;
    }

    public static LinearScorer? TryCreate(ITransformer transformer, DataViewSchema inputSchema)
    {
        // A freshly fitted pipeline is typed by its last transformer; a loaded one is a chain of ITransformer.
        var last = transformer switch
        {
            TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> fitted => fitted.LastTransformer,
            TransformerChain<ITransformer> loaded => loaded.LastTransformer,
            _ => null,
        };
        if (last is not MulticlassPredictionTransformer<MaximumEntropyModelParameters> predictor)
        {
            return null;
        }

        var schema = transformer.GetOutputSchema(inputSchema);
        if (!HasUnigramsOnly(schema["WordGrams"]) || !HasUnigramsOnly(schema["CharGrams"]))
        {
            return null;
        }

        var wordNames = SlotNames(schema["WordGrams"]);
        var charNames = SlotNames(schema["CharGrams"]);
        VBuffer<float>[] classWeights = default!;
        predictor.Model.GetWeights(ref classWeights, out var classCount);
        var biases = predictor.Model.GetBiases().ToArray();
        var featureCount = wordNames.Length + charNames.Length;
        if (classCount != biases.Length || classWeights.Length != classCount || classWeights[0].Length != featureCount)
        {
            return null;
        }

        var weights = new float[featureCount][];
        for (var f = 0; f < featureCount; f++)
        {
            weights[f] = new float[classCount];
        }

        for (var c = 0; c < classCount; c++)
        {
            foreach (var (f, value) in classWeights[c].Items())
            {
                weights[f][c] = value;
            }
        }

        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < wordNames.Length; i++)
        {
            words.TryAdd(wordNames[i], i);
        }

        var chars = new Dictionary<char, int>();
        for (var i = 0; i < charNames.Length; i++)
        {
            if (charNames[i].Length == 1)
            {
                chars.TryAdd(charNames[i][0], wordNames.Length + i);
            }
        }

        return new LinearScorer(words.ToFrozenDictionary(StringComparer.Ordinal), chars.ToFrozenDictionary(), weights, biases);
    }

    public float[] Predict(FeatureText features)
    {
        var scores = (float[])_biases.Clone();
        Accumulate(scores, CountWords(features.Tokens));
        Accumulate(scores, CountChars(features.Chars));

        // Softmax, as MaximumEntropyModelParameters does.
        var max = scores.Max();
        var sum = 0.0;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = (float)(scores[c] / sum);
        }

        return scores;
    }

    private void Accumulate(float[] scores, Dictionary<int, int> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        var norm = MathF.Sqrt(counts.Values.Sum(v => (float)v * v));
        foreach (var (feature, count) in counts)
        {
            var x = count / norm;
            var row = _weights[feature];
            for (var c = 0; c < scores.Length; c++)
            {
                scores[c] += row[c] * x;
            }
        }
    }

    private Dictionary<int, int> CountWords(string tokens)
    {
        var counts = new Dictionary<int, int>();
        foreach (var token in tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (_words.TryGetValue(token, out var feature))
            {
                counts[feature] = counts.GetValueOrDefault(feature) + 1;
            }
        }

        return counts;
    }

    private Dictionary<int, int> CountChars(string chars)
    {
        var counts = new Dictionary<int, int>();
        foreach (var c in chars)
        {
            if (_chars.TryGetValue(c, out var feature))
            {
                counts[feature] = counts.GetValueOrDefault(feature) + 1;
            }
        }

        return counts;
    }

    private static string[] SlotNames(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    // Multi-token n-gram slot names join tokens with '|'; this scorer only knows unigrams.
    private static bool HasUnigramsOnly(DataViewSchema.Column column) => SlotNames(column).All(n => !n.Contains('|', StringComparison.Ordinal));
}
