using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus.Server;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>
/// hpms-edge reads simulated occupancy counters on Modbus TCP and on two RS-485 lines (pty pairs), then the
/// test breaks some devices: noise on line A, a device on line B answering near the timeout, another on line B
/// answering for the wrong unit id, a TCP device that accepts and never answers. Each healthy device's rate of
/// good polls (from the edge's /metrics) is measured with no fault and with the faults, and must stay at 90 % or
/// more of the baseline — except the devices on the noisy line, whose replies the noise corrupts: they must still
/// be read (50 % or more); the faults show up in the edge's counters.
/// </summary>
[Collection(DeviceFaultsSequence.Name)]
public sealed class PollRateUnderDeviceFaultsTests(ITestOutputHelper output)
{
    private const string Class = "occupancy-counter";
    private const string AllFaults = "all four at once";
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_slowReply = TimeSpan.FromMilliseconds(400); // 80 % of the timeout

    // The slow device's poll (3 requests × 400 ms) takes 1.2 s of its line: it is read every 3 s, so the line
    // keeps room for the others (at 1 s it would need more than the whole line, and nobody could keep a rate).
    private static readonly TimeSpan s_slowInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(3);

    // Healthy devices: two on each line and two on TCP. Faulty: one per kind of fault.
    private static readonly string[] s_healthy = ["tcp-1", "tcp-2", "noisy-1", "noisy-2", "rtu-1", "rtu-2"];
    private static readonly string[] s_faulty = ["noisy-1", "noisy-2", "rtu-slow", "rtu-wrong", "tcp-mute"];
    private static readonly string[] s_dead = ["rtu-wrong", "tcp-mute"];

    [PeerFact(PeerTool.Socat)]
    public async Task NoiseSlowWrongUnitAndMuteDevice_HealthyDevicesKeepTheirPollRate_FaultsCounted()
    {
        string state = Directory.CreateTempSubdirectory("hpms-device-faults-").FullName;
        await using SimulatorRunner sim = await StartSimulatorAsync();
        IEndpointHost lineB = sim.Endpoints.Single(e => e.Id == "line-b");
        int simTcp = ((TcpEndpointHost)sim.Endpoints.Single(e => e.Id == "tcp")).Port;
        using PtyPair gatewaySideOfA = await TestPty.StartAsync();
        await using NoisyRtuRelay lineA = await NoisyRtuRelay.StartAsync(gatewaySideOfA.B, sim.Endpoints.Single(e => e.Id == "line-a").Address);
        await using var mute = new TcpCutProxy(simTcp);
        using var metrics = new EdgeMetricsEndpoint();
        string config = await WriteConfigAsync(state, sim, simTcp, gatewaySideOfA.A, lineB.Address, mute.Port, metrics.Url);

        var phases = new List<FaultPhase> { new("baseline (no fault)", () => { }, () => { }) };
        var noise = new FaultPhase("noise on line A", () => lineA.SetNoisy(true), () => lineA.SetNoisy(false));
        var slow = new FaultPhase("slow device on line B (400 ms of a 500 ms timeout)", () => lineB.SetFault(Unit(sim, "rtu-slow"), new ModbusFault(ModbusFaultKind.Delay, s_slowReply), null), () => lineB.ClearFault(Unit(sim, "rtu-slow")));
        var wrongUnit = new FaultPhase("wrong unit id on line B", () => lineB.SetFault(Unit(sim, "rtu-wrong"), new ModbusFault(ModbusFaultKind.WrongUnitId), null), () => lineB.ClearFault(Unit(sim, "rtu-wrong")));
        var silent = new FaultPhase("TCP device accepts, never answers", () => mute.SetSilent(true), () => mute.SetSilent(false));
        FaultPhase[] each = [noise, slow, wrongUnit, silent];
        if (FaultRunLength.Prove)
        {
            phases.AddRange(each);
        }

        phases.Add(new FaultPhase(AllFaults, () => Array.ForEach(each, f => f.Start()), () => Array.ForEach(each, f => f.Stop())));

        Process edge = EdgeProcess.Start(config, new Dictionary<string, string>());
        try
        {
            await Poll.UntilAsync(
                async () => !edge.HasExited && await metrics.TryFetchAsync() is { } s && s_healthy.All(d => s.Device("hpms_edge_device_polls_total", d) >= 2),
                TimeSpan.FromSeconds(60),
                () => edge.HasExited ? $"edge exited {edge.ExitCode}" : "healthy devices not polled yet");

            var results = new List<PhaseResult>();
            foreach (FaultPhase phase in phases)
            {
                phase.Start();
                await Task.Delay(s_settle);
                EdgeMetricsScrape before = await metrics.FetchAsync();
                await Task.Delay(FaultRunLength.Window);
                EdgeMetricsScrape after = await metrics.FetchAsync();
                phase.Stop();
                results.Add(new PhaseResult(phase.Name, before, after, phase == noise || phase.Name == AllFaults));
                if (edge.HasExited)
                {
                    Assert.Fail($"the edge exited ({edge.ExitCode}) during '{phase.Name}'");
                }
            }

            Report(results, lineA.NoiseBytes, mute.SwallowedBytes);
            PhaseResult baseline = results[0];
            foreach (string device in s_healthy)
            {
                Assert.True(baseline.GoodRate(device) >= 0.9 / s_interval.TotalSeconds, $"{device}: baseline {baseline.GoodRate(device):F2} good polls/s, configured 1/s");
                foreach (PhaseResult faulted in results.Skip(1))
                {
                    // Noise that lands inside a reply corrupts it (CRC): those polls are lost on the noisy line
                    // itself, in proportion to the noise; it must still be read. Every other device keeps its rate.
                    bool hitByNoise = device.StartsWith("noisy-", StringComparison.Ordinal) && faulted.Noisy;
                    double kept = faulted.GoodRate(device) / baseline.GoodRate(device);
                    Assert.True(kept >= (hitByNoise ? 0.5 : 0.9), $"{device} under '{faulted.Name}': {faulted.GoodRate(device):F2} good polls/s = {kept:P0} of baseline {baseline.GoodRate(device):F2}");
                }
            }

            // The faults are counted where they happen: noise as CRC errors on line A, the wrong unit and the mute
            // device as timeouts and failed polls; the slow device is still read (late, within its timeout).
            PhaseResult all = results[^1];
            Assert.True(all.Delta("hpms_edge_device_crc_errors_total", "noisy-1") + all.Delta("hpms_edge_device_crc_errors_total", "noisy-2") > 0, "no CRC error counted on the noisy line");
            Assert.True(lineA.NoiseBytes > 1000, $"only {lineA.NoiseBytes} noise bytes written");
            foreach (string dead in s_dead)
            {
                Assert.True(all.Delta("hpms_edge_device_timeouts_total", dead) > 0, $"{dead}: no timeout counted");
                Assert.Equal(all.Delta("hpms_edge_device_polls_total", dead), all.Delta("hpms_edge_device_failed_polls_total", dead));
            }

            Assert.True(all.GoodRate("rtu-slow") > 0.5 / s_slowInterval.TotalSeconds, $"the slow device was read at {all.GoodRate("rtu-slow"):F2} polls/s");
            Assert.True(mute.SwallowedBytes > 0);
        }
        finally
        {
            await EdgeProcess.StopAsync(edge);
            Directory.Delete(state, recursive: true);
        }
    }

    private void Report(List<PhaseResult> results, long noiseBytes, long swallowed)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Good polls/s per healthy device (configured 1/s; rtu-slow 1 per 3 s), {FaultRunLength.Describe()}:");
        table.AppendLine("| phase | " + string.Join(" | ", s_healthy) + " | lowest vs baseline | faulty devices' counters in the window |");
        table.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", s_healthy.Length + 1)) + " --- |");
        foreach (PhaseResult r in results)
        {
            double lowest = s_healthy.Min(d => r.GoodRate(d) / results[0].GoodRate(d));
            string faults = string.Join(
                ", ",
                s_faulty.Select(d => string.Create(
                    CultureInfo.InvariantCulture,
                    $"{d}: {r.GoodRate(d):F2}/s good, {r.Delta("hpms_edge_device_timeouts_total", d):F0} timeouts, {r.Delta("hpms_edge_device_crc_errors_total", d):F0} CRC, {r.Delta("hpms_edge_device_protocol_errors_total", d):F0} protocol")));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {string.Join(" | ", s_healthy.Select(d => r.GoodRate(d).ToString("F2", CultureInfo.InvariantCulture)))} | {lowest:P0} | {faults} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"noise bytes written on line A: {noiseBytes}; request bytes swallowed by the mute TCP device: {swallowed}");
        output.WriteLine(table.ToString());
        string? reportFile = Environment.GetEnvironmentVariable("HPMS_FAULT_REPORT");
        if (!string.IsNullOrEmpty(reportFile))
        {
            File.AppendAllText(reportFile, table.ToString());
        }
    }

    private static byte Unit(SimulatorRunner sim, string id) => (byte)sim.Scenario.Devices.Single(d => d.Device.Identity.Id == id).UnitId;

    private static async Task<SimulatorRunner> StartSimulatorAsync()
    {
        string id = Guid.NewGuid().ToString("N")[..8];
        string json = $$"""
            {
              "name": "device-faults", "site": "test", "seed": 3,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 1 },
              "endpoints": [
                { "id": "tcp", "kind": "modbus-tcp", "port": 0 },
                { "id": "line-a", "kind": "modbus-rtu", "pty": "faults-a-{{id}}", "baudRate": 115200 },
                { "id": "line-b", "kind": "modbus-rtu", "pty": "faults-b-{{id}}", "baudRate": 115200 }
              ],
              "devices": [
                { "id": "tcp-1", "class": "{{Class}}", "endpoint": "tcp", "unitId": 1 },
                { "id": "tcp-2", "class": "{{Class}}", "endpoint": "tcp", "unitId": 2 },
                { "id": "tcp-mute", "class": "{{Class}}", "endpoint": "tcp", "unitId": 3 },
                { "id": "noisy-1", "class": "{{Class}}", "endpoint": "line-a", "unitId": 1 },
                { "id": "noisy-2", "class": "{{Class}}", "endpoint": "line-a", "unitId": 2 },
                { "id": "rtu-1", "class": "{{Class}}", "endpoint": "line-b", "unitId": 1 },
                { "id": "rtu-2", "class": "{{Class}}", "endpoint": "line-b", "unitId": 2 },
                { "id": "rtu-slow", "class": "{{Class}}", "endpoint": "line-b", "unitId": 3 },
                { "id": "rtu-wrong", "class": "{{Class}}", "endpoint": "line-b", "unitId": 4 }
              ]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(
            json, "device-faults.json",
            new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"), RunDirectory = Path.Combine(Path.GetTempPath(), "hpms-it") });
        SimulatorRunner runner = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
        runner.Step(scenario.Time.Start.AddMinutes(10));
        return runner;
    }

    private static async Task<string> WriteConfigAsync(string state, SimulatorRunner sim, int simTcp, string lineA, string lineB, int mutePort, string metricsUrl)
    {
        object Device(string id)
        {
            ScenarioDevice d = sim.Scenario.Devices.Single(x => x.Device.Identity.Id == id);
            bool tcp = d.Endpoint == "tcp";
            return new
            {
                Id = id,
                Map = Class,
                Transport = tcp ? "ModbusTcp" : "ModbusRtu",
                Host = "127.0.0.1",
                Port = id == "tcp-mute" ? mutePort : simTcp,
                SerialPort = d.Endpoint == "line-a" ? lineA : d.Endpoint == "line-b" ? lineB : string.Empty,
                BaudRate = 115200,
                Parity = "None",
                UnitId = d.UnitId,
                PollInterval = (id == "rtu-slow" ? s_slowInterval : s_interval).ToString("c", CultureInfo.InvariantCulture),
                Timeout = s_timeout.ToString("c", CultureInfo.InvariantCulture),
                Retries = 1,
            };
        }

        string path = Path.Combine(state, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site = "test",
                Id = "gw-faults",
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                MaxBackoff = "00:00:05", // a dead device keeps costing its line time: the harder case
                Devices = sim.Scenario.Devices.Select(d => Device(d.Device.Identity.Id)),
            },
            Uplink = new { StateDirectory = Path.Combine(state, "state"), Mqtt = new { Enabled = false } },
            Operations = new { MetricsUrl = metricsUrl },
            GatewayHealth = new { Enabled = false },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        return path;
    }

    private sealed record FaultPhase(string Name, Action Start, Action Stop);

    private sealed record PhaseResult(string Name, EdgeMetricsScrape Before, EdgeMetricsScrape After, bool Noisy)
    {
        public double Seconds => (After.At - Before.At).TotalSeconds;

        public double Delta(string counter, string device) => After.Device(counter, device) - Before.Device(counter, device);

        /// <summary>Polls whose every read was answered, per second.</summary>
        public double GoodRate(string device) =>
            (Delta("hpms_edge_device_polls_total", device) - Delta("hpms_edge_device_failed_polls_total", device)) / Seconds;
    }
}
