using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Hpms.Edge.Uplink;

/// <summary>A buffered MQTT message: topic and payload in one record (<c>u16 topic length, topic, payload</c>).</summary>
internal static class MqttRecord
{
    public static void Write(IBufferWriter<byte> output, string topic, ReadOnlySpan<byte> payload)
    {
        int topicBytes = Encoding.UTF8.GetByteCount(topic);
        Span<byte> span = output.GetSpan(2 + topicBytes + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)topicBytes);
        Encoding.UTF8.GetBytes(topic, span[2..]);
        payload.CopyTo(span[(2 + topicBytes)..]);
        output.Advance(2 + topicBytes + payload.Length);
    }

    public static bool TryRead(ReadOnlyMemory<byte> record, out string topic, out ReadOnlyMemory<byte> payload)
    {
        topic = string.Empty;
        payload = default;
        if (record.Length < 2)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(record.Span);
        if (record.Length < 2 + length)
        {
            return false;
        }

        topic = Encoding.UTF8.GetString(record.Span.Slice(2, length));
        payload = record[(2 + length)..];
        return true;
    }
}
