namespace Hpms.Demo.Composition;

/// <summary>What the demo tells its gateway beyond the devices.</summary>
/// <param name="BrokerPort">The demo broker's port on 127.0.0.1.</param>
/// <param name="PollInterval">Poll interval of every Modbus device.</param>
/// <param name="StateDirectory">The gateway's buffers, rule state and health file.</param>
/// <param name="LogDirectory">Where its log file goes.</param>
/// <param name="MapsDirectory">The register maps.</param>
/// <param name="MetricsUrl">Its /metrics and /health listener (empty = none).</param>
public sealed record EdgeDemoSettings(int BrokerPort, TimeSpan PollInterval, string StateDirectory, string LogDirectory, string MapsDirectory, string MetricsUrl);
