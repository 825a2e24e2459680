namespace NeedsMap.Api.Export;

/// <summary>The file formats an export is written in; the route's extension names one.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
    GeoJson,
}

public static class ExportFormats
{
    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Xlsx => "xlsx",
        _ => "geojson",
    };

    public static string ContentType(this ExportFormat format) => format switch
    {
        // Excel reads the BOM to tell UTF-8 from the system code page, so Chinese opens correctly.
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/geo+json",
    };

    public static bool TryParse(string? extension, out ExportFormat format)
    {
        format = extension?.ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "xlsx" => ExportFormat.Xlsx,
            "geojson" => ExportFormat.GeoJson,
            _ => (ExportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }
}
