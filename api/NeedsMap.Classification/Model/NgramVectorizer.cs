using System.Collections.Frozen;

namespace NeedsMap.Classification.Model;

/// <summary>
/// Turns a text into the model's sparse vector: for each known n-gram, 1 + ln(count), the whole vector L2-normalised.
/// Training and scoring share this code, so a model scores exactly the vectors it was fitted on.
/// </summary>
internal sealed class NgramVectorizer(FrozenDictionary<ulong, int> vocabulary, int maxLength)
{
    [ThreadStatic] private static Scratch? _scratch;

    public FrozenDictionary<ulong, int> Vocabulary { get; } = vocabulary;

    public int MaxLength { get; } = maxLength;

    /// <summary>
    /// Writes the distinct feature ids of <paramref name="text"/> and their values into thread-local buffers and returns
    /// how many there are; the spans stay valid until the next call on the same thread.
    /// </summary>
    public int Vectorize(ReadOnlySpan<char> text, out ReadOnlySpan<int> ids, out ReadOnlySpan<float> values)
    {
        var scratch = _scratch ??= new Scratch();
        scratch.Prepare(Vocabulary.Count, text.Length * MaxLength);
        var visitor = new Collector(Vocabulary, scratch);
        CharNgrams.Visit(text, MaxLength, ref visitor);

        var count = scratch.Distinct;
        var sumSquares = 0.0;
        for (var i = 0; i < count; i++)
        {
            var value = 1 + MathF.Log(scratch.Counts[scratch.Ids[i]]);
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

    private struct Collector(FrozenDictionary<ulong, int> vocabulary, Scratch scratch) : INgramVisitor
    {
        public readonly void Visit(ulong key)
        {
            if (vocabulary.TryGetValue(key, out var id))
            {
                scratch.Add(id);
            }
        }
    }

    /// <summary>Per-thread buffers; counts are cleared lazily by a generation stamp, so a call costs only its own n-grams.</summary>
    private sealed class Scratch
    {
        private int[] _stamps = [];
        private int _generation;

        public int[] Counts { get; private set; } = [];

        public int[] Ids { get; private set; } = new int[256];

        public float[] Values { get; private set; } = new float[256];

        public int Distinct { get; private set; }

        public void Prepare(int vocabularySize, int maxNgrams)
        {
            if (_stamps.Length < vocabularySize)
            {
                _stamps = new int[vocabularySize];
                Counts = new int[vocabularySize];
                _generation = 0;
            }

            if (Ids.Length < maxNgrams)
            {
                Ids = new int[maxNgrams];
                Values = new float[maxNgrams];
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
