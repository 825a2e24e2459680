using NeedsMap.Classification.Model;

namespace NeedsMap.Classification.Training;

/// <summary>
/// Makes a set of labels given at different levels of one tree trainable: a label below another label of the set trains
/// as that label (a city that labels "noise" for some texts and "noise.construction" for others gets one "noise" class),
/// so the model's classes never overlap. Parents come from the codes' prefixes ("noise.construction" → "noise"), which
/// holds for the standard taxonomy and for codes the product makes for a city.
/// </summary>
public static class LabelLevels
{
    /// <summary>The code a label trains as, given all labels of the set.</summary>
    public static Func<string, string> Collapse(IEnumerable<string> labels)
    {
        var set = labels.ToHashSet(StringComparer.Ordinal);
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        return code =>
        {
            if (!cache.TryGetValue(code, out var target))
            {
                target = Ancestors(code).LastOrDefault(set.Contains) ?? code;
                cache[code] = target;
            }

            return target;
        };
    }

    /// <summary>The code itself, then each shorter prefix ending before a dot.</summary>
    public static IEnumerable<string> Ancestors(string code)
    {
        yield return code;
        for (var dot = code.LastIndexOf('.'); dot > 0; dot = code.LastIndexOf('.', dot - 1))
        {
            yield return code[..dot];
        }
    }

    /// <summary>Relabels every text as <see cref="Collapse"/> says, and counts how many moved per (from, to).</summary>
    public static (List<LabelledText> Texts, IReadOnlyList<(string From, string To, int Count)> Moves) Apply(IReadOnlyList<LabelledText> texts)
    {
        var collapse = Collapse(texts.Select(t => t.CategoryCode));
        var moved = new Dictionary<(string, string), int>();
        var result = new List<LabelledText>(texts.Count);
        foreach (var text in texts)
        {
            var target = collapse(text.CategoryCode);
            if (target != text.CategoryCode)
            {
                moved[(text.CategoryCode, target)] = moved.GetValueOrDefault((text.CategoryCode, target)) + 1;
                result.Add(text with { CategoryCode = target, SecondaryCodes = null });
            }
            else
            {
                result.Add(text);
            }
        }

        return (result, moved.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)).OrderBy(m => m.Item1, StringComparer.Ordinal).ToList());
    }
}
