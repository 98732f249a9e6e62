using Microsoft.Extensions.Logging;

namespace Hpms.Simulators.Hosting;

/// <summary>The simulator's structured log messages (source-generated: no work when a level is off).</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Endpoint {Endpoint} vanished: {Address} closed")]
    public static partial void EndpointVanished(ILogger logger, string endpoint, string address);

    [LoggerMessage(2, LogLevel.Information, "Endpoint {Endpoint} is back on {Address}")]
    public static partial void EndpointBack(ILogger logger, string endpoint, string address);

    [LoggerMessage(3, LogLevel.Error, "Serial line {Endpoint} failed")]
    public static partial void SerialLineFailed(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(4, LogLevel.Information, "Scenario {Scenario}: {Devices} devices on {Endpoints} endpoints, {Events} events, speed ×{Speed}, starting {Start}")]
    public static partial void ScenarioStarting(ILogger logger, string scenario, int devices, int endpoints, int events, double speed, string start);

    [LoggerMessage(5, LogLevel.Information, "Endpoint {Endpoint} ({Kind}) serving {Units} devices on {Address}")]
    public static partial void EndpointServing(ILogger logger, string endpoint, string kind, int units, string address);

    [LoggerMessage(6, LogLevel.Information, "Event {Kind} {Phase} on {Target} at {SimulatedTime}")]
    public static partial void EventApplied(ILogger logger, string kind, string phase, string target, string simulatedTime);

    [LoggerMessage(7, LogLevel.Warning, "Simulation step took {Milliseconds} ms, longer than the {Tick} ms tick: the machine cannot keep up")]
    public static partial void SlowStep(ILogger logger, double milliseconds, double tick);

    [LoggerMessage(8, LogLevel.Information, "Stopped at simulated {SimulatedTime} after {WallSeconds} s: {Requests} Modbus requests served, {Faults} faults injected")]
    public static partial void Stopped(ILogger logger, string simulatedTime, double wallSeconds, long requests, long faults);

    [LoggerMessage(9, LogLevel.Critical, "hpms-sim could not start its endpoints")]
    public static partial void LogStartFailure(this ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "MQTT device {Device}: environment variable {Variable} (its password) is not set; the device stays offline")]
    public static partial void MqttPasswordMissing(ILogger logger, string device, string variable);
}
