using System.Text;

namespace NeedsMap.Classification.Model;

/// <summary>
/// Reads and writes labelled texts as RFC 4180 CSV with a header: text,category[,secondary] where secondary holds
/// extra codes separated by ';'. The format of Data/training.csv and Data/evaluation.csv.
/// </summary>
public static class LabelledTextCsv
{
    public static IReadOnlyList<LabelledText> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader);
    }

    public static IReadOnlyList<LabelledText> Read(TextReader reader)
    {
        var records = ParseRecords(reader).ToList();
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0];
        var textColumn = Array.IndexOf(header, "text");
        var categoryColumn = Array.IndexOf(header, "category");
        var secondaryColumn = Array.IndexOf(header, "secondary");
        if (textColumn < 0 || categoryColumn < 0)
        {
            throw new InvalidDataException("CSV needs 'text' and 'category' columns.");
        }

        return records.Skip(1)
            .Where(r => r.Length > Math.Max(textColumn, categoryColumn))
            .Select(r => new LabelledText(
                r[textColumn],
                r[categoryColumn],
                secondaryColumn >= 0 && secondaryColumn < r.Length && r[secondaryColumn].Length > 0
                    ? r[secondaryColumn].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : null))
            .ToList();
    }

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

    private static IEnumerable<string[]> ParseRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return [.. fields];
                    fields.Clear();
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }
}
