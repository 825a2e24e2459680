using System.Text;
using NeedsMap.Sdk.Text;

namespace NeedsMap.Classification.Model;

/// <summary>
/// Reads and writes labelled texts as RFC 4180 CSV with a header: text,category[,secondary] where secondary holds
/// extra codes separated by ';'. The format of Data/training.csv and Data/evaluation.csv; a city's export may name the
/// columns in Chinese and add a title column.
/// </summary>
public static class LabelledTextCsv
{
    public static IReadOnlyList<LabelledText> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader);
    }

    /// <summary>Header names taken for the text, a title put before it, and the label (a city's own export may use Chinese ones).</summary>
    public static readonly IReadOnlyList<string> TextHeaders = ["text", "内容", "文本", "诉求内容"];

    public static readonly IReadOnlyList<string> TitleHeaders = ["title", "标题", "主题"];

    public static readonly IReadOnlyList<string> CategoryHeaders = ["category", "label", "类别", "分类", "标签"];

    public static IReadOnlyList<LabelledText> Read(TextReader reader) => Stream(reader).Select(r => r.Text).ToList();

    /// <summary>
    /// Reads records one at a time, so a file of any size takes the memory of one record. Each comes with its line number
    /// (1 is the header). A row without a text or a label column is returned with empty strings, for the caller to reject.
    /// </summary>
    public static IEnumerable<(LabelledText Text, int Line)> Stream(TextReader reader)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            yield break;
        }

        var header = records.Current.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var textColumn = Column(header, TextHeaders);
        var titleColumn = Column(header, TitleHeaders);
        var categoryColumn = Column(header, CategoryHeaders);
        var secondaryColumn = Array.IndexOf(header, "secondary");
        if (textColumn < 0 || categoryColumn < 0)
        {
            throw new InvalidDataException("CSV needs a header with a text column (text, 内容) and a label column (category, label, 类别).");
        }

        var line = 1;
        while (records.MoveNext())
        {
            line++;
            var r = records.Current;
            if (r is [""])
            {
                continue;
            }

            var text = Field(r, textColumn);
            var title = Field(r, titleColumn);
            if (title.Length > 0 && !text.StartsWith(title, StringComparison.Ordinal))
            {
                text = title + "\n" + text;
            }

            var secondary = Field(r, secondaryColumn);
            yield return (new LabelledText(
                text,
                Field(r, categoryColumn).Trim(),
                secondary.Length > 0 ? secondary.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null), line);
        }
    }

    private static int Column(string[] header, IReadOnlyList<string> names) =>
        names.Select(n => Array.IndexOf(header, n)).FirstOrDefault(i => i >= 0, -1);

    private static string Field(string[] record, int column) => column >= 0 && column < record.Length ? record[column] : string.Empty;

    public static void Write(TextWriter writer, IEnumerable<LabelledText> texts)
    {
        writer.Write("text,category,secondary\n");
        foreach (var t in texts)
        {
            writer.Write($"{Quote(t.Text)},{Quote(t.CategoryCode)},{Quote(string.Join(';', t.SecondaryCodes ?? []))}\n");
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
