using MiniExcelLibs;
using NeedsMap.Api.Reference;
using NeedsMap.Sdk.Text;

namespace NeedsMap.Api.Divisions;

/// <summary>
/// Reads a city's table of divisions from CSV (UTF-8, RFC 4180 quoting) or XLSX (first sheet). The header names the
/// columns, in English or Chinese: code/编码/代码, name/名称, parent/parent_code/上级/上级编码, and optionally level/层级,
/// kind/类型, official_name/全称. A file that cannot be read at all is INVALID_INPUT; a bad row is a finding in the report.
/// </summary>
public static class DivisionTable
{
    public const int MaxRows = 200_000;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "code", ["编码"] = "code", ["代码"] = "code", ["区划代码"] = "code",
        ["name"] = "name", ["名称"] = "name",
        ["parent"] = "parent", ["parent_code"] = "parent", ["parentcode"] = "parent", ["上级"] = "parent", ["上级编码"] = "parent", ["上级代码"] = "parent",
        ["level"] = "level", ["层级"] = "level", ["级别"] = "level",
        ["kind"] = "kind", ["类型"] = "kind",
        ["official_name"] = "official", ["officialname"] = "official", ["全称"] = "official",
    };

    public static (List<DivisionRow> Rows, List<DivisionIssue> Issues) ReadCsv(string text) => FromRecords(CsvRecords.Read(new StringReader(text)));

    public static (List<DivisionRow> Rows, List<DivisionIssue> Issues) ReadXlsx(Stream stream)
    {
        List<string[]> records;
        try
        {
            records = [.. MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Select(r => ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray())];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"The divisions file is not a readable XLSX workbook: {ex.Message}");
        }
        return FromRecords(records);
    }

    public static JurisdictionLevel? ParseLevel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" => null,
        "1" or "city" or "市" or "县" or "区" => JurisdictionLevel.City,
        "2" or "street" or "town" or "街道" or "镇" or "乡" or "乡镇" => JurisdictionLevel.Street,
        "3" or "community" or "village" or "社区" or "村" => JurisdictionLevel.Community,
        "4" or "grid" or "网格" => JurisdictionLevel.Grid,
        _ => throw new FormatException(),
    };

    private static (List<DivisionRow>, List<DivisionIssue>) FromRecords(IEnumerable<string[]> records)
    {
        using var e = records.GetEnumerator();
        if (!e.MoveNext())
        {
            throw new DomainException(ErrorCodes.InvalidInput, "The divisions file is empty.");
        }
        var header = e.Current.Select(h => Columns.GetValueOrDefault(h.Trim().TrimStart('\uFEFF'))).ToArray();
        int Index(string column) => Array.IndexOf(header, column);
        var (code, name, parent, level, kind, official) = (Index("code"), Index("name"), Index("parent"), Index("level"), Index("kind"), Index("official"));
        if (code < 0 || name < 0 || parent < 0)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "The divisions file needs a header with the columns code, name and parent (编码, 名称, 上级).");
        }
        var rows = new List<DivisionRow>();
        var issues = new List<DivisionIssue>();
        var line = 1;
        while (e.MoveNext())
        {
            line++;
            var f = e.Current;
            string Field(int i) => i >= 0 && i < f.Length ? f[i].Trim() : "";
            if (f.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (rows.Count == MaxRows)
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"The divisions file holds more than {MaxRows} rows.");
            }
            var (c, n) = (Field(code), Field(name));
            if (c.Length is 0 or > 32 || n.Length is 0 or > 100 || Field(official).Length > 200 || Field(kind).Length > 20)
            {
                issues.Add(DivisionIssue.Error("INVALID_ROW", c.Length == 0 ? null : c,
                    $"line {line}: a code of 1 to 32 characters, a name of 1 to 100, a kind of at most 20 and an official name of at most 200."));
                continue;
            }
            JurisdictionLevel? parsed;
            try
            {
                parsed = ParseLevel(Field(level));
            }
            catch (FormatException)
            {
                issues.Add(DivisionIssue.Error("INVALID_ROW", c, $"line {line}: the level \"{Field(level)}\" is none of city, street, community, grid (1–4)."));
                continue;
            }
            var p = Field(parent);
            rows.Add(new DivisionRow(line, c, n, p.Length == 0 ? null : p, parsed, Field(kind) is { Length: > 0 } k ? k : null,
                Field(official) is { Length: > 0 } o ? o : null));
        }
        return (rows, issues);
    }
}
