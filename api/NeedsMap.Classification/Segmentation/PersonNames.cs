using JiebaNet.Segmenter;

namespace NeedsMap.Classification.Segmentation;

/// <summary>A person's name found in a text: where it starts, how long it is, and how many leading characters are the surname.</summary>
public readonly record struct NameSpan(int Start, int Length, int SurnameLength);

/// <summary>
/// Person names in Chinese free text, found by jieba's part-of-speech tagging (<c>nr</c>, person name) and checked
/// against the common surnames, because jieba's dictionary also tags many ordinary words as names (谢谢, 老公, 红旗 are
/// <c>nr</c> there): a word tagged as a name counts only when it starts with a surname, is rare in the dictionary or new
/// to it, is not a surname followed by a title (王师傅, 李阿姨 say no more than the surname) and is not the first part of
/// a place (宾王路). A compound surname (欧阳, 诸葛) that jieba splits from the given name is joined back.
/// Thread-safe: jieba's tagger only reads shared state once loaded.
/// </summary>
public sealed class PersonNames
{
    private static readonly Lazy<PersonNames> SharedInstance = new(() => new PersonNames(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Words jieba's dictionary counts more often than this are ordinary words even when tagged <c>nr</c>.</summary>
    public const int MaxNameFrequency = 100;

    // The user dictionary is in jieba's shared word dictionary, so names are cut beside domain words as the classifier cuts them.
    private readonly ChineseSegmenter _segmenter = ChineseSegmenter.Shared;

    private PersonNames()
    {
    }

    public static PersonNames Shared => SharedInstance.Value;

    /// <summary>The names in <paramref name="text"/>, in order, not overlapping.</summary>
    public IReadOnlyList<NameSpan> Find(string text)
    {
        if (!Surnames.Any(text))
        {
            return [];
        }
        var tokens = Tokens(text);
        var found = new List<NameSpan>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (word, flag, start) = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1].Word : "";
            var given = Surnames.IsCompound(word) && i + 1 < tokens.Count ? GivenNameAfterCompound(tokens, i) : 0;
            if (given > 0)
            {
                found.Add(new NameSpan(start, word.Length + given, 2));
                i += tokens[i + 1].Word.Length == given ? 1 : 2;
                continue;
            }
            if (flag.StartsWith("nr", StringComparison.Ordinal) && IsName(word, next) && FrequencyOf(word) <= MaxNameFrequency)
            {
                found.Add(new NameSpan(start, word.Length, Surnames.LengthAt(word, 0)));
                continue;
            }
            if (NameBeforeVerb(tokens, i) is { } span)
            {
                found.Add(span);
                while (i + 1 < tokens.Count && tokens[i + 1].Start < span.Start + span.Length)
                {
                    i++;
                }
            }
        }
        return found;
    }

    /// <summary>
    /// A name jieba did not tag because its given name is also a word (朱国庆 cuts as 朱 + 国庆, 雷鸣 is thunder): a surname
    /// opening a clause, one or two characters, and a verb of reporting or a title after it (潘建国举报…, 于洋反映…,
    /// 马云飞老师). A weaker word after it (的, 在, 家) is enough only when the name is not an ordinary word.
    /// </summary>
    private static NameSpan? NameBeforeVerb(List<(string Word, string Flag, int Start)> tokens, int i)
    {
        if (!OpensClause(tokens, i))
        {
            return null;
        }
        var candidate = "";
        for (var j = i; j < tokens.Count - 1 && j < i + 3; j++)
        {
            if (!tokens[j].Word.All(Surnames.IsHan))
            {
                return null;
            }
            candidate += tokens[j].Word;
            var surname = Surnames.LengthAt(candidate, 0);
            if (surname == 0 || candidate.Length > surname + 2)
            {
                return null;
            }
            var after = tokens[j + 1].Word;
            if (candidate.Length > surname && IsName(candidate, after)
                && (Titles.IsReportingVerb(after) || Titles.IsTitle(after) || (Titles.IsWeakFollower(after) && FrequencyOf(candidate) <= MaxNameFrequency)))
            {
                return new NameSpan(tokens[i].Start, candidate.Length, surname);
            }
        }
        return null;
    }

    private static bool OpensClause(List<(string Word, string Flag, int Start)> tokens, int i) =>
        i == 0 || tokens[i - 1].Word.All(c => !Surnames.IsHan(c) && !char.IsLetterOrDigit(c)) || Titles.IsPersonWord(tokens[i - 1].Word);

    /// <summary>A surname and one or two Han characters, not a surname and a title, not a place's name.</summary>
    private static bool IsName(string word, string next)
    {
        var surname = Surnames.LengthAt(word, 0);
        if (surname == 0 || word.Length < surname + 1 || word.Length > surname + 2 || !word.All(Surnames.IsHan))
        {
            return false;
        }
        return !Titles.IsTitle(word[surname..]) && !Titles.IsPlaceStart(next) && !Titles.EndsAsPlace(word);
    }

    /// <summary>How many characters after a compound surname token make the given name: one or two Han characters, not a function word.</summary>
    private static int GivenNameAfterCompound(List<(string Word, string Flag, int Start)> tokens, int i)
    {
        var first = tokens[i + 1].Word;
        if (first.Length is 1 or 2 && first.All(Surnames.IsHan) && !Titles.IsFunctionWord(first) && !Titles.IsTitle(first))
        {
            if (first.Length == 1 && i + 2 < tokens.Count && tokens[i + 2].Word is { Length: 1 } second && Surnames.IsHan(second[0])
                && !Titles.IsFunctionWord(second) && !Titles.IsPlaceStart(second))
            {
                return 2;
            }
            return first.Length;
        }
        return 0;
    }

    // A word the dictionary lacks is one jieba's HMM put together from unknown characters: a new name, frequency 0.
    private static int FrequencyOf(string word) =>
        WordDictionary.Instance.ContainsWord(word) ? WordDictionary.Instance.GetFreqOrDefault(word) : 0;

    private List<(string Word, string Flag, int Start)> Tokens(string text)
    {
        var tokens = new List<(string, string, int)>();
        var at = 0;
        foreach (var (word, tag) in _segmenter.CutWithTags(text))
        {
            var start = text.IndexOf(word, at, StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }
            tokens.Add((word, tag, start));
            at = start + word.Length;
        }
        return tokens;
    }
}
