using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.Simulators.Scenarios;

/// <summary>Event kinds the simulator itself handles on any device or endpoint: faults on the wire.</summary>
public static class SimulatorEvents
{
    /// <summary>Kind of a fault event: the device (or every device of the endpoint) misbehaves on the wire.</summary>
    public const string Fault = "fault";

    /// <summary>Kind of a vanish event: the device stops answering; a TCP endpoint stops listening and drops its clients.</summary>
    public const string Vanish = "vanish";

    /// <summary>Fault names in scenario files and the fault each means.</summary>
    public static IReadOnlyDictionary<string, ModbusFaultKind> FaultNames { get; } = new Dictionary<string, ModbusFaultKind>(StringComparer.Ordinal)
    {
        ["delay"] = ModbusFaultKind.Delay,
        ["no-response"] = ModbusFaultKind.NoResponse,
        ["exception"] = ModbusFaultKind.ExceptionResponse,
        ["corrupt-frame"] = ModbusFaultKind.CorruptFrame,
        ["drop-connection"] = ModbusFaultKind.DropConnection,
        ["noise"] = ModbusFaultKind.NoiseBeforeResponse,
        ["wrong-unit"] = ModbusFaultKind.WrongUnitId,
    };

    /// <summary>Gets the declarations, checked like a device class's events.</summary>
    public static IReadOnlyList<EventSpec> Specs { get; } =
    [
        new EventSpec(
            Fault,
            "Misbehave on the wire; `fault` names how: delay (by delayMs), no-response, exception (code `exception`), corrupt-frame (bad CRC / truncated MBAP), drop-connection, noise (noiseBytes of garbage before the reply), wrong-unit. With `count` > 0 only that many requests, else for the duration.",
            DurationRule.Optional,
            new ParameterSpec("delayMs", 500, 0, 60_000),
            new ParameterSpec("exception", 4, 1, 11),
            new ParameterSpec("noiseBytes", 8, 1, 256),
            new ParameterSpec("count", 0, 0, 1_000_000)),
        new EventSpec(Vanish, "The device stops answering (a TCP endpoint closes its port and drops its clients; a serial line goes silent) and comes back after `for`.", DurationRule.Required),
    ];
}
