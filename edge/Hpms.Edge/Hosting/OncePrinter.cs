using System.Buffers;
using System.Text;
using Hpms.Edge.Polling;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Hosting;

/// <summary>Prints readings for <c>--once</c> as InfluxDB line protocol, the exact bytes the InfluxDB sink would send.</summary>
internal static class OncePrinter
{
    public static async Task PrintAsync(IReadOnlyList<DeviceReading> readings, TextWriter output, CancellationToken cancellationToken)
    {
        var encoder = new TelemetryLineEncoder(TimestampPrecision.Milliseconds);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        foreach (DeviceReading reading in readings)
        {
            TelemetryPoint[] points = [.. reading.Points];
            encoder.Encode(points, buffer);
        }

        await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
