using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Shared;

/// <summary>Reads XML payloads safely (no DTDs, so no entity expansion) and their elements as trimmed text.</summary>
internal static class XmlPayload
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static bool TryOpen(ChannelPayload payload, out XElement? root, out RejectedRecord? failure)
    {
        root = null;
        failure = null;
        var text = payload.GetText();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            root = XDocument.Load(reader).Root;
        }
        catch (XmlException ex)
        {
            failure = new RejectedRecord(null, RejectReasons.MalformedPayload, $"Not well-formed XML (line {ex.LineNumber}).", text);
            return false;
        }
        if (root is null)
        {
            failure = new RejectedRecord(null, RejectReasons.MalformedPayload, "The XML has no root element.", text);
            return false;
        }
        return true;
    }

    public static string? Text(this XElement element, string name)
    {
        var value = element.Element(name)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static double? Number(this XElement element, string name) =>
        double.TryParse(element.Text(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool HasNonNumber(this XElement element, string name) =>
        element.Text(name) is not null && element.Number(name) is null;
}
