using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace NeedsMap.Api.Tests.Export;

/// <summary>Reads exported files back with libraries (and an RFC 4180 reader) other than the ones that wrote them.</summary>
internal static class ExportFiles
{
    /// <summary>Rows of a CSV as header → value maps; the BOM must be there.</summary>
    public static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The CSV starts without a UTF-8 BOM.");
        var records = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = records[0];
        return records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else { field.Append(c); }
        }
        Assert.True(field.Length == 0 && record.Count == 0, "The CSV does not end with CRLF.");
        return records;
    }

    /// <summary>The first sheet's rows as header → text maps, through the Open XML SDK.</summary>
    public static List<Dictionary<string, string>> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().ToDictionary(
            cell => Column(cell.CellReference!.Value!),
            cell => cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                : cell.CellValue?.Text ?? "")).ToList();
        var header = rows[0];
        return rows.Skip(1).Select(r => header.ToDictionary(h => h.Value, h => r.GetValueOrDefault(h.Key, ""))).ToList();
    }

    private static string Column(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());
}
