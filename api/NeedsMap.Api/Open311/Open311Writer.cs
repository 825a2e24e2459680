using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace NeedsMap.Api.Open311;

/// <summary>
/// Writes GeoReport v2 documents as JSON (an array of objects) or XML (a root element of item elements), from the same
/// records, so the two formats never drift: XML is the JSON's objects with one element per field, null as an empty one.
/// </summary>
public static class Open311Writer
{
    public const string Json = "json";
    public const string Xml = "xml";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool IsFormat(string? format) => format is Json or Xml;

    public static IResult Result<T>(string format, string root, string item, IEnumerable<T> items, int status = StatusCodes.Status200OK)
    {
        var array = JsonSerializer.SerializeToNode(items.ToList(), Options)!.AsArray();
        return format == Xml
            ? Results.Text(ToXml(root, item, array), "text/xml; charset=utf-8", System.Text.Encoding.UTF8, status)
            : Results.Text(array.ToJsonString(Options), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    /// <summary>An error in the specification's format; an unknown format is answered in JSON.</summary>
    public static IResult Error(string? format, int code, string description) =>
        Result(format == Xml ? Xml : Json, "errors", "error", [new Open311Error(code, description)], code);

    private static string ToXml(string root, string item, JsonArray array)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var text = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root);
            foreach (var node in array)
            {
                WriteElement(xml, item, node);
            }
            xml.WriteEndElement();
        }
        return text.ToString();
    }

    private static void WriteElement(XmlWriter xml, string name, JsonNode? node)
    {
        xml.WriteStartElement(name);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    WriteElement(xml, key, value);
                }
                break;
            case JsonArray list:
                foreach (var value in list)
                {
                    WriteElement(xml, name.EndsWith('s') ? name[..^1] : "item", value);
                }
                break;
            case JsonValue value:
                xml.WriteString(value.GetValueKind() switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.String => value.GetValue<string>(),
                    _ => value.ToJsonString(),
                });
                break;
        }
        xml.WriteEndElement();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
