using Hpms.Edge.Configuration;
using Hpms.Edge.Devices;
using Hpms.Edge.Pipeline;
using Microsoft.Extensions.Logging;

namespace Hpms.Edge.Polling;

/// <summary>Groups the gateway's Modbus devices into lines (one master each).</summary>
public static class PollLines
{
    /// <summary>Creates one line per shared master.</summary>
    /// <param name="gateway">Validated options.</param>
    /// <param name="devices">The Modbus devices.</param>
    /// <param name="output">Where readings go.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="loggers">Log.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<PollLine> Create(
        GatewayOptions gateway, IReadOnlyList<EdgeDevice> devices, ReadingChannel output, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(loggers);
        ILogger logger = loggers.CreateLogger<PollLine>();
        return [.. devices.GroupBy(d => d.LineKey, StringComparer.Ordinal).Select(g => new PollLine(
            g.Key, ModbusMasterFactory.Create(g.First().Options), [.. g], output.Writer, clock, gateway.MaxBackoff, gateway.StaleAfterIntervals, logger))];
    }
}
