using System.Globalization;
using System.Text;
using Hpms.Demo.Composition;

namespace Hpms.Demo;

/// <summary>What the demo prints once everything runs: where to look and how to sign in.</summary>
public static class DemoBanner
{
    /// <summary>The banner.</summary>
    /// <param name="system">The running system.</param>
    /// <param name="options">Flags.</param>
    /// <returns>Text.</returns>
    public static string Text(DemoSystem system, DemoCommandLine options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.AppendLine("HPMS IoT demo is running.");
        text.AppendLine(c, $"  Technician and operator page  {system.CloudUrl}/app");
        text.AppendLine(c, $"  REST API (OpenAPI)            {system.CloudUrl}/openapi/v1.json");
        text.AppendLine(c, $"  Cloud health / metrics        {system.CloudUrl}/ready   {system.CloudUrl}/metrics");
        text.AppendLine(c, $"  Edge gateway metrics          {system.EdgeMetricsUrl}metrics");
        text.AppendLine(c, $"  MQTT broker                   127.0.0.1:{system.BrokerPort} (user names and passwords: no anonymous access)");
        text.AppendLine(c, $"  Sign-in users and passwords   {system.CredentialsFile}");
        text.AppendLine(c, $"  Time series                   {(options.InfluxUrl is null ? Path.Combine(system.State, "cloud", "ingest", "timeseries") + " (embedded; --influx-url for InfluxDB + Grafana)" : options.InfluxUrl + " database " + options.InfluxDatabase)}");
        text.AppendLine(c, $"  Gateway configuration         {system.EdgeConfigFile}");
        text.AppendLine(c, $"  Logs                          {system.LogDirectory}");
        text.AppendLine(c, $"  Simulation                    {system.Simulator.Scenario.Name}, {system.Simulator.Scenario.Devices.Count} devices, ×{system.Simulator.Scenario.Time.Speed} from {system.Simulator.Scenario.Time.Start:yyyy-MM-dd HH:mm}");
        if (system.SerialAsTcp)
        {
            text.AppendLine("  (socat is not installed: the RS-485 lines are served as RTU over TCP instead of on pty pairs)");
        }

        text.Append(options.RunFor is { } runFor ? string.Create(c, $"Running for {runFor.TotalSeconds:0} s; Ctrl+C stops earlier.") : "Ctrl+C stops it.");
        return text.ToString();
    }
}
