using System.Text;

namespace NeedsMap.Channels.Hotline96150;

/// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.</summary>
internal static class CsvReader
{
    public sealed record Row(int Line, IReadOnlyList<string> Fields, string Raw);

    public static IEnumerable<Row> Read(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var raw = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                raw.Append(c);
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    raw.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
                    raw.Append(c);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    raw.Append(c);
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        yield return new Row(rowLine, [.. fields], raw.ToString());
                    }
                    fields.Clear();
                    field.Clear();
                    raw.Clear();
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    raw.Append(c);
                    break;
            }
        }
        fields.Add(field.ToString());
        if (fields.Count > 1 || fields[0].Length > 0)
        {
            yield return new Row(rowLine, [.. fields], raw.ToString());
        }
    }
}
