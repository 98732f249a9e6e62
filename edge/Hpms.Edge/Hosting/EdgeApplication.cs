using Microsoft.Extensions.Hosting;

namespace Hpms.Edge.Hosting;

/// <summary>
/// The composition of hpms-edge, used by <c>Program.cs</c> and by compositions that run a gateway in their own
/// process (the demo): each feature's <c>Add…</c> in order.
/// </summary>
public static class EdgeApplication
{
    /// <summary>Creates the host builder with every feature wired.</summary>
    /// <param name="commandLine">hpms-edge's flags (<c>--config</c>, <c>--once</c>) and the host's own arguments.</param>
    /// <returns>The builder, not built.</returns>
    public static HostApplicationBuilder CreateBuilder(EdgeCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        // Options are validated once at start-up; a reload watcher would cover the content root recursively and wake
        // on every buffer write under it.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(["--hostBuilder:reloadConfigOnChange=false", .. commandLine.Remaining]);
        builder.AddGatewayConfiguration(commandLine).AddEdgeLogging().AddModbusPolling().AddRulesAndUplink().AddCloudCommands().AddMqttDevices().AddLocalSensor().AddEdgeOperations();
        return builder;
    }
}
