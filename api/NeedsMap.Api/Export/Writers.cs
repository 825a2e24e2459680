using System.Globalization;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace NeedsMap.Api.Export;

/// <summary>Writes <see cref="IExportRows"/> in each format, row by row, never holding more than one row.</summary>
public static class ExportWriters
{
    public static Task WriteAsync(ExportFormat format, IExportRows rows, Stream output, string sheetName, CancellationToken cancellationToken) =>
        format switch
        {
            ExportFormat.Csv => WriteCsvAsync(rows, output, cancellationToken),
            ExportFormat.Xlsx => WriteXlsxAsync(rows, output, sheetName, cancellationToken),
            _ => WriteGeoJsonAsync(rows, output, cancellationToken),
        };

    /// <summary>
    /// RFC 4180 with CRLF, UTF-8 with a BOM (Excel needs it to read Chinese). A free text starting with = + - @ or a control
    /// character is prefixed with an apostrophe, so a resident's words are never run as a spreadsheet formula (CSV injection).
    /// </summary>
    public static async Task WriteCsvAsync(IExportRows rows, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', rows.Columns.Select(c => Quote(c.Name))) + "\r\n");
        var line = new StringBuilder();
        while (await rows.MoveNextAsync(cancellationToken))
        {
            line.Clear();
            var values = rows.Current;
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }
                var text = Text(values[i]);
                line.Append(Quote(rows.Columns[i].FreeText ? DefuseFormula(text) : text));
            }
            line.Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// MiniExcel in its default (not "fast") mode writes the zip forward only, so the workbook streams out as rows are read;
    /// its ZipArchive writes headers synchronously, so the caller must allow synchronous writes on the response.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "RowsDataReader is a view over rows its caller disposes; it holds nothing of its own.")]
    public static Task WriteXlsxAsync(IExportRows rows, Stream output, string sheetName, CancellationToken cancellationToken)
    {
        var configuration = new OpenXmlConfiguration { FastMode = false, AutoFilter = false, TableStyles = TableStyles.None, BufferSize = 1 << 16 };
        return output.SaveAsAsync(new RowsDataReader(rows), printHeader: true, sheetName: sheetName, excelType: ExcelType.XLSX,
            configuration: configuration, cancellationToken: cancellationToken);
    }

    /// <summary>An RFC 7946 FeatureCollection of points: the longitude and latitude columns become the geometry, the rest properties.</summary>
    public static async Task WriteGeoJsonAsync(IExportRows rows, Stream output, CancellationToken cancellationToken)
    {
        var columns = rows.Columns.Select(c => c.Name).ToList();
        var (lon, lat) = (columns.IndexOf("longitude"), columns.IndexOf("latitude"));
        if (lon < 0 || lat < 0)
        {
            throw new InvalidOperationException("GeoJSON needs longitude and latitude columns.");
        }
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        while (await rows.MoveNextAsync(cancellationToken))
        {
            var values = rows.Current;
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            if (values[0] is string id)
            {
                json.WriteString("id", id);
            }
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(Convert.ToDouble(values[lon], CultureInfo.InvariantCulture));
            json.WriteNumberValue(Convert.ToDouble(values[lat], CultureInfo.InvariantCulture));
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            for (var i = 0; i < values.Length; i++)
            {
                if (i != lon && i != lat)
                {
                    WriteValue(json, columns[i], values[i]);
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case double d:
                json.WriteNumber(name, d);
                break;
            case long l:
                json.WriteNumber(name, l);
                break;
            case int n:
                json.WriteNumber(name, n);
                break;
            default:
                json.WriteString(name, Text(value));
                break;
        }
    }

    /// <summary>One value as text: invariant numbers, ISO 8601 instants with the city's offset.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTimeOffset at => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    internal static string DefuseFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
