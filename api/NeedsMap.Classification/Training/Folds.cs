namespace NeedsMap.Classification.Training;

/// <summary>Stratified k-fold assignment: every label's texts are spread evenly over the folds, in a seeded order.</summary>
public static class Folds
{
    /// <summary>The fold (0..k-1) of each text, by position in <paramref name="labels"/>.</summary>
    public static int[] Stratified(IReadOnlyList<string> labels, int k, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        var folds = new int[labels.Count];
        var random = new Random(seed);
        var next = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Shuffle within the label, then deal round-robin, continuing where the last label stopped so small labels do
            // not all land in fold 0.
            foreach (var index in group.OrderBy(_ => random.Next()))
            {
                folds[index] = next;
                next = (next + 1) % k;
            }
        }

        return folds;
    }
}
