using System.Text;

namespace NeedsMap.Sdk;

/// <summary>
/// One delivery from a channel: the raw bytes and their content type. It may hold one record or a batch;
/// the adapter knows which from the channel's format.
/// </summary>
public sealed class ChannelPayload
{
    /// <summary>Creates a payload from raw bytes.</summary>
    /// <param name="content">The bytes as delivered.</param>
    /// <param name="contentType">The content type, with parameters if any, e.g. <c>application/json; charset=utf-8</c>.</param>
    /// <param name="origin">Where it came from (a file name, a delivery id), for logs and rejections; never personal data.</param>
    public ChannelPayload(ReadOnlyMemory<byte> content, string contentType, string? origin = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        Content = content;
        ContentType = contentType;
        Origin = origin;
    }

    /// <summary>The bytes as delivered.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The content type as delivered, parameters included.</summary>
    public string ContentType { get; }

    /// <summary>Where the payload came from, for logs; <see langword="null"/> if unknown.</summary>
    public string? Origin { get; }

    /// <summary>The content type without parameters, lower case, e.g. <c>application/json</c>.</summary>
    public string MediaType
    {
        get
        {
            var semicolon = ContentType.IndexOf(';', StringComparison.Ordinal);
            var mediaType = semicolon < 0 ? ContentType : ContentType[..semicolon];
            return mediaType.Trim().ToLowerInvariant();
        }
    }

    /// <summary>Creates a payload from text, encoded as UTF-8.</summary>
    public static ChannelPayload FromText(string text, string contentType, string? origin = null) =>
        new(Encoding.UTF8.GetBytes(text), contentType, origin);

    /// <summary>
    /// Decodes the content as text: in the <c>charset</c> the content type names (GBK and GB18030 included,
    /// which older Chinese government systems still send), else as UTF-8. A byte-order mark is dropped.
    /// </summary>
    public string GetText()
    {
        var encoding = CharsetEncoding() ?? Encoding.UTF8;
        var text = encoding.GetString(Content.Span);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <inheritdoc />
    public override string ToString() => $"ChannelPayload {{ ContentType = {ContentType}, Length = {Content.Length}, Origin = {Origin} }}";

    private Encoding? CharsetEncoding()
    {
        foreach (var parameter in ContentType.Split(';').Skip(1))
        {
            var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                var name = pair[1].Trim('"');
                return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? TryGetEncoding(name);
            }
        }
        return null;
    }

    private static Encoding? TryGetEncoding(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
