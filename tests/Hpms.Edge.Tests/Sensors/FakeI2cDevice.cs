using System.Device.I2c;

namespace Hpms.Edge.Tests.Sensors;

/// <summary>A byte-level I2C device: records every transfer in order, answers reads from a script, fails on request.</summary>
internal sealed class FakeI2cDevice : I2cDevice
{
    private readonly Queue<byte[]> _replies = new();

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x44);

    /// <summary>Transfers in order: "W 2400" for a write, "R 6" for a read of six bytes.</summary>
    public List<string> Log { get; } = [];

    public bool NackNextWrite { get; set; }

    public bool NackNextRead { get; set; }

    public void Reply(params byte[] bytes) => _replies.Enqueue(bytes);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (NackNextWrite)
        {
            NackNextWrite = false;
            Log.Add("W NACK");
            throw new IOException("Error 121 performing I2C data transfer.");
        }

        Log.Add("W " + Convert.ToHexString(buffer));
    }

    public override void Read(Span<byte> buffer)
    {
        if (NackNextRead)
        {
            NackNextRead = false;
            Log.Add("R NACK");
            throw new IOException("Error 121 performing I2C data transfer.");
        }

        Log.Add("R " + buffer.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        byte[] reply = _replies.Dequeue();
        if (reply.Length != buffer.Length)
        {
            throw new InvalidOperationException($"script has {reply.Length} bytes, driver read {buffer.Length}");
        }

        reply.CopyTo(buffer);
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
