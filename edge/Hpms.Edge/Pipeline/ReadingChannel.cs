using System.Threading.Channels;
using Hpms.Edge.Polling;

namespace Hpms.Edge.Pipeline;

/// <summary>
/// The bounded hand-over from the pollers to the pipeline (rules, buffer, sinks). Bounded and waiting:
/// when the pipeline falls behind, pollers slow down instead of memory growing or readings vanishing.
/// </summary>
public sealed class ReadingChannel
{
    private readonly Channel<DeviceReading> _channel = Channel.CreateBounded<DeviceReading>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Gets the pollers' end.</summary>
    public ChannelWriter<DeviceReading> Writer => _channel.Writer;

    /// <summary>Gets the pipeline's end.</summary>
    public ChannelReader<DeviceReading> Reader => _channel.Reader;
}
