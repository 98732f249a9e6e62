using Hpms.Edge.Hosting;
using Microsoft.Extensions.Hosting;

// hpms-edge: composition only; each feature wires itself in Hosting/EdgeHostExtensions.cs.
EdgeCommandLine commandLine = EdgeCommandLine.Parse(args);
HostApplicationBuilder builder = Host.CreateApplicationBuilder(commandLine.Remaining);
builder.AddGatewayConfiguration(commandLine).AddEdgeLogging().AddModbusPolling().AddRulesAndUplink().AddCloudCommands().AddMqttDevices().AddLocalSensor().AddEdgeOperations();
builder.Services.AddSystemd();
using IHost host = builder.Build();
return await EdgeRunner.RunAsync(host, commandLine, Console.Out);
