using Hpms.Protocols.Modbus;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Hpms.Simulators.Tests.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Simulators.Tests.Hosting;

/// <summary>hpms-sim's endpoints for real on 127.0.0.1 and a socat pty, stepped by hand (no wall-clock waits for values).</summary>
public sealed class SimulatorRunnerTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 23, 6, 0, 0, TimeSpan.FromHours(8));

    private static async Task<(SimulatorRunner Runner, RecordingTruth Truth)> StartAsync(string events)
    {
        string endpoints = """
            [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 },
             { "id": "line", "kind": "modbus-rtu", "pty": "line-RUN", "baudRate": 19200 }]
            """.Replace("RUN", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal);
        string devices = $$"""
            [{ "id": "a", "class": "generic-modbus", "endpoint": "tcp", "unitId": 4, "map": "{{ScenarioText.FridgeMap}}", "settings": { "values": { "temperature": 4.5 } } },
             { "id": "b", "class": "generic-modbus", "endpoint": "line", "unitId": 7, "map": "{{ScenarioText.FridgeMap}}", "settings": { "values": { "temperature": -18.2 } } }]
            """;
        var truth = new RecordingTruth();
        Scenario scenario = ScenarioLoader.Load(
            ScenarioText.With(endpoints, devices, events), "runner.json",
            new ScenarioLoadOptions { MapsDirectory = ScenarioText.MapsDirectory, RunDirectory = Path.Combine(Path.GetTempPath(), "hpms-sim-tests"), EphemeralPorts = true },
            truth);
        SimulatorRunner runner = await SimulatorRunner.StartAsync(scenario, truth, NullLoggerFactory.Instance, CancellationToken.None);
        return (runner, truth);
    }

    private static ModbusTcpMaster TcpMaster(SimulatorRunner runner) =>
        new(new TcpByteChannel("127.0.0.1", ((TcpEndpointHost)runner.Endpoints.Single(e => e.Id == "tcp")).Port),
            new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300), Retries = 0 });

    [Fact]
    public async Task Endpoints_ServeEachDeviceOnItsUnit_OverTcpAndPty()
    {
        (SimulatorRunner runner, _) = await StartAsync("[]");
        await using (runner)
        {
            await using ModbusTcpMaster tcp = TcpMaster(runner);
            var registers = new ushort[1];
            await tcp.ReadInputRegistersAsync(4, 0, registers, CancellationToken.None);
            Assert.Equal(45, registers[0]);

            string pty = runner.Endpoints.Single(e => e.Id == "line").Address;
            await using var rtu = new ModbusRtuMaster(
                SerialByteChannelFactory.Create(new SerialLineOptions { PortName = pty, BaudRate = 19200, Parity = System.IO.Ports.Parity.None }),
                new ModbusMasterOptions { BaudRate = 19200, ResponseTimeout = TimeSpan.FromSeconds(1) });
            await rtu.ReadInputRegistersAsync(7, 0, registers, CancellationToken.None);
            Assert.Equal(-182, (short)registers[0]);
        }
    }

    [Fact]
    public async Task FaultEvent_WithCount_AnswersExceptionsThenRecovers_AndTruthRecordsEach()
    {
        (SimulatorRunner runner, RecordingTruth truth) = await StartAsync(
            """[{ "at": "00:01:00", "kind": "fault", "device": "a", "fault": "exception", "parameters": { "exception": 6, "count": 2 } }]""");
        await using (runner)
        {
            await using ModbusTcpMaster tcp = TcpMaster(runner);
            var registers = new ushort[1];
            runner.Step(s_start.AddMinutes(2));
            for (int i = 0; i < 2; i++)
            {
                var error = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
                    async () => await tcp.ReadInputRegistersAsync(4, 0, registers, CancellationToken.None));
                Assert.Equal(ExceptionCode.ServerDeviceBusy, error.Code);
            }

            await tcp.ReadInputRegistersAsync(4, 0, registers, CancellationToken.None);
            Assert.Equal(45, registers[0]);
            Assert.Equal(2, truth.Faults.Count(f => f is { Endpoint: "tcp", Unit: 4, Fault: "ExceptionResponse" }));
            Assert.Contains(truth.Events, e => e is { Device: "a", Kind: "fault", Detail: "start" });
        }
    }

    [Fact]
    public async Task VanishDevice_TimesOutForItsDuration_ThenAnswersAgain()
    {
        (SimulatorRunner runner, RecordingTruth truth) = await StartAsync(
            """[{ "at": "00:10:00", "kind": "vanish", "device": "a", "for": "00:05:00" }]""");
        await using (runner)
        {
            await using ModbusTcpMaster tcp = TcpMaster(runner);
            var registers = new ushort[1];
            runner.Step(s_start.AddMinutes(11));
            await Assert.ThrowsAsync<ModbusTimeoutException>(async () => await tcp.ReadInputRegistersAsync(4, 0, registers, CancellationToken.None));

            runner.Step(s_start.AddMinutes(16));
            await tcp.ReadInputRegistersAsync(4, 0, registers, CancellationToken.None);
            Assert.Equal(45, registers[0]);
            Assert.Equal(
                [("vanish", "start", s_start.AddMinutes(10)), ("vanish", "end", s_start.AddMinutes(15))],
                truth.Events.Select(e => (e.Kind, e.Detail, e.At)));
        }
    }

    [Fact]
    public async Task VanishTcpEndpoint_RefusesConnections_ThenListensOnTheSamePort()
    {
        (SimulatorRunner runner, _) = await StartAsync(
            """[{ "at": "00:10:00", "kind": "vanish", "endpoint": "tcp", "for": "00:05:00" }]""");
        await using (runner)
        {
            int port = ((TcpEndpointHost)runner.Endpoints.Single(e => e.Id == "tcp")).Port;
            runner.Step(s_start.AddMinutes(11));
            await WaitUntilAsync(async () => !await CanConnectAsync(port));

            runner.Step(s_start.AddMinutes(16));
            await WaitUntilAsync(() => CanConnectAsync(port));
            await using ModbusTcpMaster tcp = TcpMaster(runner);
            var registers = new ushort[1];
            await tcp.ReadInputRegistersAsync(4, 0, registers, CancellationToken.None);
            Assert.Equal(45, registers[0]);
        }
    }

    [Fact]
    public async Task ClientWrite_OfReadOnlyRegister_GetsIllegalDataAddress_LikeARealDevice()
    {
        (SimulatorRunner runner, _) = await StartAsync("[]");
        await using (runner)
        {
            await using ModbusTcpMaster tcp = TcpMaster(runner);
            var error = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
                async () => await tcp.WriteSingleRegisterAsync(4, 50, 1, CancellationToken.None));
            Assert.Equal(ExceptionCode.IllegalDataAddress, error.Code);
        }
    }

    [Fact]
    public async Task MalformedRequests_GetTheExceptionARealDeviceSends_AndTheEndpointKeepsServing()
    {
        (SimulatorRunner runner, _) = await StartAsync("[]");
        await using (runner)
        {
            int port = ((TcpEndpointHost)runner.Endpoints.Single(e => e.Id == "tcp")).Port;
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync("127.0.0.1", port);
            var reply = new byte[9];

            // Function 0x41 does not exist: illegal function (01).
            await socket.SendAsync(new byte[] { 0, 1, 0, 0, 0, 2, 4, 0x41 });
            Assert.Equal(9, await ReceiveAsync(socket, reply));
            Assert.Equal(new byte[] { 0, 1, 0, 0, 0, 3, 4, 0xC1, 0x01 }, reply);

            // FC 03 asking for 200 registers (more than 125): illegal data value (03).
            await socket.SendAsync(new byte[] { 0, 2, 0, 0, 0, 6, 4, 0x03, 0, 0, 0, 200 });
            Assert.Equal(9, await ReceiveAsync(socket, reply));
            Assert.Equal(new byte[] { 0, 2, 0, 0, 0, 3, 4, 0x83, 0x03 }, reply);

            await using ModbusTcpMaster tcp = TcpMaster(runner);
            var registers = new ushort[1];
            await tcp.ReadInputRegistersAsync(4, 0, registers, CancellationToken.None);
            Assert.Equal(45, registers[0]);
        }
    }

    private static async Task<int> ReceiveAsync(System.Net.Sockets.Socket socket, byte[] buffer)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        int total = 0;
        while (total < buffer.Length)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(total), timeout.Token);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
