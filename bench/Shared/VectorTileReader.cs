using System.Text;

namespace NeedsMap.Bench;

/// <summary>
/// Reads the features of a Mapbox vector tile (protobuf, spec 2.1): each feature's properties and its first point in tile
/// units. Enough to count what a tile carries; shared by the weather bench and the tile tests.
/// </summary>
internal static class VectorTileReader
{
    public sealed record Feature(string Layer, IReadOnlyDictionary<string, object> Properties, int X, int Y);

    public static List<Feature> Read(byte[] tile)
    {
        var features = new List<Feature>();
        var pos = 0;
        while (pos < tile.Length)
        {
            var (field, wire) = Key(tile, ref pos);
            if (field == 3 && wire == 2)
            {
                var length = (int)Varint(tile, ref pos);
                ReadLayer(tile.AsSpan(pos, length).ToArray(), features);
                pos += length;
            }
            else
            {
                Skip(tile, ref pos, wire);
            }
        }
        return features;
    }

    private static void ReadLayer(byte[] layer, List<Feature> features)
    {
        string name = "";
        var keys = new List<string>();
        var values = new List<object>();
        var raw = new List<byte[]>();
        var pos = 0;
        while (pos < layer.Length)
        {
            var (field, wire) = Key(layer, ref pos);
            if (wire != 2)
            {
                Skip(layer, ref pos, wire);
                continue;
            }
            var length = (int)Varint(layer, ref pos);
            var body = layer.AsSpan(pos, length).ToArray();
            pos += length;
            switch (field)
            {
                case 1: name = Encoding.UTF8.GetString(body); break;
                case 2: raw.Add(body); break;
                case 3: keys.Add(Encoding.UTF8.GetString(body)); break;
                case 4: values.Add(Value(body)); break;
            }
        }
        foreach (var body in raw)
        {
            var properties = new Dictionary<string, object>();
            int x = 0, y = 0;
            var pos2 = 0;
            while (pos2 < body.Length)
            {
                var (field, wire) = Key(body, ref pos2);
                if (wire != 2)
                {
                    Skip(body, ref pos2, wire);
                    continue;
                }
                var length = (int)Varint(body, ref pos2);
                var end = pos2 + length;
                var packed = new List<uint>();
                while (pos2 < end)
                {
                    packed.Add((uint)Varint(body, ref pos2));
                }
                if (field == 2)
                {
                    for (var i = 0; i + 1 < packed.Count; i += 2)
                    {
                        properties[keys[(int)packed[i]]] = values[(int)packed[i + 1]];
                    }
                }
                else if (field == 4 && packed.Count >= 3)
                {
                    // MoveTo(1) then zigzag dx, dy.
                    x = ZigZag(packed[1]);
                    y = ZigZag(packed[2]);
                }
            }
            features.Add(new Feature(name, properties, x, y));
        }
    }

    private static object Value(byte[] body)
    {
        var pos = 0;
        var (field, wire) = Key(body, ref pos);
        return field switch
        {
            1 => Encoding.UTF8.GetString(body, pos + VarintLength(body, pos), (int)Peek(body, pos)),
            2 => BitConverter.ToSingle(body, pos),
            3 => BitConverter.ToDouble(body, pos),
            4 or 5 => (long)Varint(body, ref pos),
            6 => (long)ZigZag64(Varint(body, ref pos)),
            7 => Varint(body, ref pos) != 0,
            _ => wire,
        };
    }

    private static (int Field, int Wire) Key(byte[] b, ref int pos)
    {
        var key = Varint(b, ref pos);
        return ((int)(key >> 3), (int)(key & 7));
    }

    private static ulong Varint(byte[] b, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var current = b[pos++];
            result |= (ulong)(current & 0x7F) << shift;
            if (current < 0x80)
            {
                return result;
            }
        }
    }

    private static ulong Peek(byte[] b, int pos) => Varint(b, ref pos);

    private static int VarintLength(byte[] b, int pos)
    {
        var start = pos;
        Varint(b, ref pos);
        return pos - start;
    }

    private static void Skip(byte[] b, ref int pos, int wire)
    {
        switch (wire)
        {
            case 0: Varint(b, ref pos); break;
            case 1: pos += 8; break;
            case 2: pos += (int)Varint(b, ref pos); break;
            case 5: pos += 4; break;
            default: throw new InvalidDataException($"Wire type {wire} in a vector tile.");
        }
    }

    private static int ZigZag(uint n) => (int)(n >> 1) ^ -(int)(n & 1);

    private static long ZigZag64(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
