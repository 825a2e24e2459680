using System.Text.Json;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>Reading one message: its JSON shape, then dispatch on its type.</summary>
internal sealed partial class TransportWsConnection
{
    private async Task HandleMessageAsync(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            Close(CloseCodes.BadRequest, "Invalid message received");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeElement)
                || typeElement.ValueKind != JsonValueKind.String)
            {
                Close(CloseCodes.BadRequest, "Invalid message received");
                return;
            }

            var type = typeElement.GetString();
            switch (type)
            {
                case MessageTypes.ConnectionInit:
                    await OnConnectionInitAsync(root);
                    break;
                case MessageTypes.Ping:
                    if (HasValidOptionalPayload(root))
                        _writer.Send("""{"type":"pong"}""");
                    break;
                case MessageTypes.Pong:
                    HasValidOptionalPayload(root);
                    break;
                case MessageTypes.Subscribe:
                    OnSubscribe(root);
                    break;
                case MessageTypes.Complete:
                    await OnCompleteAsync(root);
                    break;
                default:
                    Close(CloseCodes.BadRequest, $"Unexpected message of type {Truncate(type)} received");
                    break;
            }
        }
    }

    private bool HasValidOptionalPayload(JsonElement root)
    {
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind is JsonValueKind.Null or JsonValueKind.Object)
            return true;
        Close(CloseCodes.BadRequest, "Invalid message received: payload must be an object");
        return false;
    }

    private static string? Truncate(string? text) => text is { Length: > 40 } ? text[..40] : text;
}
