using NeedsMap.Classification.Model;
using NeedsMap.Classification.Model.Features;

namespace NeedsMap.Classification.Baseline;

/// <summary>
/// The baseline a competent engineer would try first, to measure the product's model against: character 1–3-gram
/// TF-IDF (sublinear tf, smoothed idf, L2-normalised, every n-gram seen once or more) and one-vs-rest linear SVMs with
/// squared hinge loss, C = 1 and an intercept, fitted by dual coordinate descent as liblinear does (scikit-learn's
/// <c>TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)</c> + <c>LinearSVC()</c>). Used by the bench
/// only; the product classifies with <see cref="NeedModel"/>.
/// </summary>
public sealed class TfidfLinearSvm
{
    private readonly Dictionary<ulong, int> _vocabulary;
    private readonly float[] _idf;
    private readonly float[][] _weights; // per class, last entry the intercept
    private readonly int _ngramLength;

    private TfidfLinearSvm(Dictionary<ulong, int> vocabulary, float[] idf, float[][] weights, string[] labels, int ngramLength)
    {
        _vocabulary = vocabulary;
        _idf = idf;
        _weights = weights;
        Labels = labels;
        _ngramLength = ngramLength;
    }

    public IReadOnlyList<string> Labels { get; }

    public static TfidfLinearSvm Train(IReadOnlyList<LabelledText> texts, double c = 1, int ngramLength = 3, int maxIterations = 1000, int seed = 1)
    {
        var counts = texts.Select(t => Count(t.Text, ngramLength)).ToList();
        var documentFrequency = new Dictionary<ulong, int>();
        foreach (var key in counts.SelectMany(d => d.Keys))
        {
            documentFrequency[key] = documentFrequency.GetValueOrDefault(key) + 1;
        }

        var vocabulary = new Dictionary<ulong, int>(documentFrequency.Count);
        var idf = new float[documentFrequency.Count];
        foreach (var (key, df) in documentFrequency.OrderBy(kv => kv.Key))
        {
            idf[vocabulary.Count] = (float)(Math.Log((1.0 + texts.Count) / (1.0 + df)) + 1);
            vocabulary[key] = vocabulary.Count;
        }

        var rows = counts.Select(d => Vector(d, vocabulary, idf)).ToArray();
        var labels = texts.Select(t => t.CategoryCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var weights = labels.Select(label => FitBinary(rows, texts.Select(t => t.CategoryCode == label ? 1 : -1).ToArray(), vocabulary.Count, c, maxIterations, seed)).ToArray();
        return new TfidfLinearSvm(vocabulary, idf, weights, labels, ngramLength);
    }

    public string Predict(string text)
    {
        var (ids, values) = Vector(Count(text, _ngramLength), _vocabulary, _idf);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var k = 0; k < _weights.Length; k++)
        {
            var w = _weights[k];
            var score = (double)w[^1];
            for (var i = 0; i < ids.Length; i++)
            {
                score += w[ids[i]] * values[i];
            }

            if (score > bestScore)
            {
                (best, bestScore) = (k, score);
            }
        }

        return Labels[best];
    }

    /// <summary>liblinear's dual coordinate descent for the L2-regularised squared-hinge SVM, with a bias feature of 1.</summary>
    private static float[] FitBinary((int[] Ids, float[] Values)[] rows, int[] y, int dimension, double c, int maxIterations, int seed)
    {
        var w = new double[dimension + 1];
        var alpha = new double[rows.Length];
        var diagonal = 1 / (2 * c);
        var q = rows.Select(r => r.Values.Sum(v => (double)v * v) + 1 + diagonal).ToArray();
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new Random(seed);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            random.Shuffle(order);
            double maxGradient = double.NegativeInfinity, minGradient = double.PositiveInfinity;
            foreach (var i in order)
            {
                var (ids, values) = rows[i];
                var margin = w[dimension];
                for (var j = 0; j < ids.Length; j++)
                {
                    margin += w[ids[j]] * values[j];
                }

                var gradient = y[i] * margin - 1 + diagonal * alpha[i];
                var projected = alpha[i] == 0 ? Math.Min(gradient, 0) : gradient;
                maxGradient = Math.Max(maxGradient, projected);
                minGradient = Math.Min(minGradient, projected);
                if (Math.Abs(projected) < 1e-12)
                {
                    continue;
                }

                var old = alpha[i];
                alpha[i] = Math.Max(old - gradient / q[i], 0);
                var step = (alpha[i] - old) * y[i];
                for (var j = 0; j < ids.Length; j++)
                {
                    w[ids[j]] += step * values[j];
                }

                w[dimension] += step;
            }

            if (maxGradient - minGradient < 0.1)
            {
                break;
            }
        }

        return w.Select(v => (float)v).ToArray();
    }

    private static Dictionary<ulong, int> Count(string text, int ngramLength)
    {
        var counter = new Counter(new Dictionary<ulong, int>());
        CharNgrams.Visit(text, ngramLength, ref counter);
        return counter.Counts;
    }

    private static (int[] Ids, float[] Values) Vector(Dictionary<ulong, int> counts, Dictionary<ulong, int> vocabulary, float[] idf)
    {
        var pairs = counts.Where(kv => vocabulary.ContainsKey(kv.Key))
            .Select(kv => (Id: vocabulary[kv.Key], Value: (float)((1 + Math.Log(kv.Value)) * idf[vocabulary[kv.Key]])))
            .OrderBy(p => p.Id).ToArray();
        var norm = (float)Math.Sqrt(pairs.Sum(p => (double)p.Value * p.Value));
        return (pairs.Select(p => p.Id).ToArray(), pairs.Select(p => norm == 0 ? 0 : p.Value / norm).ToArray());
    }

    private readonly struct Counter(Dictionary<ulong, int> counts) : INgramVisitor
    {
        public Dictionary<ulong, int> Counts => counts;

        public void Visit(ulong key) => counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
