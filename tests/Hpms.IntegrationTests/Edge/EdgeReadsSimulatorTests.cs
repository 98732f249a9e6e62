using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hpms.Edge.Configuration;
using Hpms.Edge.Devices;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Simulators;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Telemetry;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Edge;

/// <summary>
/// The gateway's pollers against the simulated hospital (every class on Modbus TCP and on an RTU pty
/// line): every channel of every device arrives with the value the simulator serves, its unit and the
/// device's tags; and hpms-edge --once prints them.
/// </summary>
public sealed class EdgeReadsSimulatorTests(SimulatedHospitalFixture sim) : IClassFixture<SimulatedHospitalFixture>
{
    private GatewayOptions Gateway()
    {
        var gateway = new GatewayOptions { Site = "test", Id = "gw-it", MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") };
        foreach (ScenarioDevice d in sim.Runner.Scenario.Devices)
        {
            bool tcp = d.Endpoint == "tcp";
            gateway.Devices.Add(new DeviceOptions
            {
                Id = d.Device.Identity.Id,
                Map = d.Registers!.Map.DeviceClass,
                Transport = tcp ? DeviceTransport.ModbusTcp : DeviceTransport.ModbusRtu,
                Host = "127.0.0.1",
                Port = sim.TcpPort,
                SerialPort = tcp ? string.Empty : sim.Pty,
                BaudRate = 115200,
                Parity = System.IO.Ports.Parity.None,
                UnitId = d.UnitId,
                Building = "B",
                Zone = tcp ? "icu" : "pharmacy",
            });
        }

        return gateway;
    }

    [PeerFact(PeerTool.Socat)]
    public async Task EveryChannelOfEveryClass_ArrivesWithServedValueUnitAndTags()
    {
        GatewayOptions gateway = Gateway();
        Assert.True(new GatewayOptionsValidator().Validate(null, gateway).Succeeded);
        IReadOnlyList<EdgeDevice> devices = EdgeDeviceFactory.Create(gateway);
        IReadOnlyList<PollLine> lines = PollLines.Create(gateway, devices, new ReadingChannel(), TimeProvider.System, NullLoggerFactory.Instance);
        Assert.Equal(devices.Count(d => d.Options.Transport == DeviceTransport.ModbusTcp) + 1, lines.Count); // the pty devices share one line
        try
        {
            int checkedPoints = 0;
            foreach (PollLine line in lines)
            {
                foreach (EdgeDevice device in line.Devices())
                {
                    DeviceReading reading = await line.PollOnceAsync(device, CancellationToken.None);
                    ScenarioDevice simulated = sim.Runner.Scenario.Devices.Single(d => d.Device.Identity.Id == device.Options.Id);
                    Assert.True(reading.Succeeded, $"{device.Options.Id} did not answer every read");
                    Assert.Equal(device.PointCount, reading.Points.Count);
                    foreach (TelemetryPoint point in reading.Points)
                    {
                        RegisterPoint mapPoint = simulated.Registers!.Point(point.Channel);
                        Assert.Equal(Quality.Good, point.Quality);
                        Assert.Equal(mapPoint.Unit, point.Unit);
                        Assert.Equal(new DeviceTags("test", "B", device.Options.Zone, "gw-it", simulated.Class.Name, device.Options.Id), point.Device);
                        if (mapPoint.Type == Protocols.Registers.RegisterDataType.String)
                        {
                            Assert.Equal(simulated.Registers.GetText(point.Channel), point.Text);
                        }
                        else
                        {
                            Assert.True(simulated.Registers.Get(mapPoint).Equals(point.Value), $"{device.Options.Id} {point.Channel}: served {simulated.Registers.Get(mapPoint)}, edge read {point.Value}");
                        }

                        checkedPoints++;
                    }

                    Assert.Equal(0, device.Counters.Timeouts + device.Counters.CrcErrors + device.Counters.Exceptions);
                    Assert.Equal(device.Plan.RequestCount, device.Counters.Requests);
                }
            }

            Assert.True(checkedPoints > 200, $"only {checkedPoints} points");
        }
        finally
        {
            foreach (PollLine line in lines)
            {
                await line.DisposeAsync();
            }
        }
    }

    [PeerFact(PeerTool.Socat)]
    public async Task HpmsEdgeOnce_PrintsEveryDevicesChannels_AndExitsZero()
    {
        GatewayOptions gateway = Gateway();
        string config = Path.Combine(Path.GetTempPath(), $"edge-once-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                gateway.Site,
                gateway.Id,
                gateway.MapsDirectory,
                Devices = gateway.Devices.Select(d => new
                {
                    d.Id, d.Map, Transport = d.Transport.ToString(), d.Host, d.Port, d.SerialPort, d.BaudRate, Parity = d.Parity.ToString(), d.UnitId, d.Building, d.Zone,
                }),
            },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        try
        {
            (string edge, IReadOnlyList<string> arguments) = EdgeProcess.Command("--config", config, "--once");
            PeerCommandResult result = await PeerCommand.RunAsync(edge, [.. arguments], TimeSpan.FromSeconds(60));

            Assert.True(result.ExitCode == 0, result.ToString());
            LineProtocolParseResult parsed = LineProtocolParser.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout));
            Assert.Equal(0, parsed.ErrorCount);
            foreach (ScenarioDevice d in sim.Runner.Scenario.Devices)
            {
                // One line per device and poll: measurement = class, a field per channel, every one good.
                LineProtocolPoint line = Assert.Single(parsed.Points, p => p.Tag("device") == d.Device.Identity.Id);
                Assert.Equal(d.Class.Name, line.Measurement);
                Assert.Equal("gw-it", line.Tag("gateway"));
                Assert.Equal(PollPlanner.Plan(d.Registers!.Map).Blocks.Sum(b => b.Points.Count), line.Fields.Count);
                Assert.DoesNotContain(line.Fields, f => f.Key.EndsWith("_quality", StringComparison.Ordinal));
            }
        }
        finally
        {
            File.Delete(config);
        }
    }
}
