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
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(commandLine.Remaining);
        builder.AddGatewayConfiguration(commandLine).AddEdgeLogging().AddModbusPolling().AddRulesAndUplink().AddCloudCommands().AddMqttDevices().AddLocalSensor().AddEdgeOperations();
        return builder;
    }
}
