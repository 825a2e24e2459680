using System.Collections.Frozen;

namespace NeedsMap.Classification.Model.Features;

/// <summary>
/// Turns a text into the model's sparse vector: character n-grams of 1..<see cref="MaxLength"/> and dictionary words of
/// 3..<see cref="WordLength"/> characters, each known feature weighted (1 + ln count) × its IDF, the whole vector
/// L2-normalised. Training and scoring share this code, so a model scores exactly the vectors it was fitted on.
/// </summary>
internal sealed class TextVectorizer
{
    [ThreadStatic] private static Scratch? _scratch;

    public TextVectorizer(FrozenDictionary<ulong, int> vocabulary, int maxLength, int wordLength, float[]? idf)
    {
        Vocabulary = vocabulary;
        MaxLength = maxLength;
        WordLength = wordLength;
        Idf = idf;
    }

    public FrozenDictionary<ulong, int> Vocabulary { get; }

    public int MaxLength { get; }

    /// <summary>Longest dictionary word used as a feature; 0 for none (models of format 2).</summary>
    public int WordLength { get; }

    /// <summary>Per-feature inverse document frequency; null weighs every feature 1 (models of format 2).</summary>
    public float[]? Idf { get; }

    /// <summary>
    /// Writes the distinct feature ids of <paramref name="text"/> and their values into thread-local buffers and returns
    /// how many there are; the spans stay valid until the next call on the same thread.
    /// </summary>
    public int Vectorize(ReadOnlySpan<char> text, out ReadOnlySpan<int> ids, out ReadOnlySpan<float> values)
    {
        var scratch = _scratch ??= new Scratch();
        scratch.Prepare(Vocabulary.Count, text.Length * (MaxLength + Math.Max(0, WordLength - 2)));
        var visitor = new Collector(Vocabulary, scratch);
        CharNgrams.Visit(text, MaxLength, ref visitor);
        WordKeys.Visit(text, WordLength, ref visitor);

        var count = scratch.Distinct;
        var sumSquares = 0.0;
        for (var i = 0; i < count; i++)
        {
            var id = scratch.Ids[i];
            var value = (1 + MathF.Log(scratch.Counts[id])) * (Idf is null ? 1f : Idf[id]);
            scratch.Values[i] = value;
            sumSquares += value * value;
        }

        var scale = count == 0 ? 0 : (float)(1 / Math.Sqrt(sumSquares));
        for (var i = 0; i < count; i++)
        {
            scratch.Values[i] *= scale;
        }

        ids = scratch.Ids.AsSpan(0, count);
        values = scratch.Values.AsSpan(0, count);
        return count;
    }

    private readonly struct Collector(FrozenDictionary<ulong, int> vocabulary, Scratch scratch) : INgramVisitor
    {
        public void Visit(ulong key)
        {
            if (vocabulary.TryGetValue(key, out var id))
            {
                scratch.Add(id);
            }
        }
    }

    /// <summary>Per-thread buffers; counts are cleared lazily by a generation stamp, so a call costs only its own features.</summary>
    private sealed class Scratch
    {
        private int[] _stamps = [];
        private int _generation;

        public int[] Counts { get; private set; } = [];

        public int[] Ids { get; private set; } = new int[256];

        public float[] Values { get; private set; } = new float[256];

        public int Distinct { get; private set; }

        public void Prepare(int vocabularySize, int maxFeatures)
        {
            if (_stamps.Length < vocabularySize)
            {
                _stamps = new int[vocabularySize];
                Counts = new int[vocabularySize];
                _generation = 0;
            }

            if (Ids.Length < maxFeatures)
            {
                Ids = new int[maxFeatures];
                Values = new float[maxFeatures];
            }

            if (++_generation == int.MaxValue)
            {
                Array.Clear(_stamps);
                _generation = 1;
            }

            Distinct = 0;
        }

        public void Add(int id)
        {
            if (_stamps[id] != _generation)
            {
                _stamps[id] = _generation;
                Counts[id] = 1;
                Ids[Distinct++] = id;
            }
            else
            {
                Counts[id]++;
            }
        }
    }
}
