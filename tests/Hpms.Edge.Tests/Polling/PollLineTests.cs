using System.Net;
using Hpms.Edge.Configuration;
using Hpms.Edge.Devices;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Transports.Modbus.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Edge.Tests.Polling;

/// <summary>A shared RTU line (RTU over TCP to our server) with one dead device and one healthy one, in real time.</summary>
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime
[Collection(RealTimeTests.Name)]
public sealed class PollLineTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FaultInjector _faults = new();
    private readonly RegisterBank _healthy = new(8, 8, 16, 120);
    private readonly RegisterBank _dead = new(8, 8, 16, 120);
    private ModbusTcpServer _server = null!;

    public Task InitializeAsync()
    {
        _healthy.SetRegisters(ModbusDataTable.InputRegisters, 0, [46, 45, 500]);
        _dead.SetRegisters(ModbusDataTable.InputRegisters, 0, [61, 60, 400]);
        _server = new ModbusTcpServer(new IPEndPoint(IPAddress.Loopback, 0), u => u switch { 1 => _healthy, 2 => _dead, _ => null }, faults: _faults, framing: ModbusTcpFraming.RtuOverTcp);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private (IReadOnlyList<EdgeDevice> Devices, PollLine Line, ReadingChannel Channel) Line(TimeSpan interval, TimeSpan? timeout = null)
    {
        var gateway = new GatewayOptions { Site = "s", Id = "gw", MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"), MaxBackoff = TimeSpan.FromSeconds(1) };
        foreach ((string id, byte unit) in new[] { ("healthy", (byte)1), ("dead", (byte)2) })
        {
            gateway.Devices.Add(new DeviceOptions
            {
                Id = id, Map = "cold-chain-fridge", Transport = DeviceTransport.RtuOverTcp, Host = "127.0.0.1", Port = _server.LocalEndPoint.Port,
                UnitId = unit, PollInterval = interval, Timeout = timeout ?? TimeSpan.FromMilliseconds(60), Retries = 0,
            });
        }

        Assert.True(new GatewayOptionsValidator().Validate(null, gateway).Succeeded);
        IReadOnlyList<EdgeDevice> devices = EdgeDeviceFactory.Create(gateway);
        var channel = new ReadingChannel();
        PollLine line = Assert.Single(PollLines.Create(gateway, devices, channel, TimeProvider.System, NullLoggerFactory.Instance));
        return (devices, line, channel);
    }

    [Fact]
    public async Task DeadDevice_BacksOff_AndTheHealthyDeviceKeepsItsRate()
    {
        (IReadOnlyList<EdgeDevice> devices, PollLine line, ReadingChannel channel) = Line(TimeSpan.FromMilliseconds(200));
        await using (line)
        {
            _faults.Set(2, new ModbusFault(ModbusFaultKind.NoResponse));
            using var run = new CancellationTokenSource(TimeSpan.FromSeconds(4));
            List<DeviceReading> readings = [];
            Task drain = Task.Run(async () =>
            {
                await foreach (DeviceReading r in channel.Reader.ReadAllAsync(CancellationToken.None))
                {
                    readings.Add(r);
                }
            });
            try
            {
                await line.RunAsync(run.Token);
            }
            catch (OperationCanceledException)
            {
            }

            channel.Writer.Complete();
            await drain;
            int healthy = readings.Count(r => r.Device.DeviceId == "healthy");
            int dead = readings.Count(r => r.Device.DeviceId == "dead");
            // Ideal 20 healthy polls; the margin is for a loaded CI machine, the back-off is the point.
            Assert.True(healthy >= 10, $"healthy device polled {healthy} times in 4 s at 200 ms (ideal 20)");
            Assert.InRange(dead, 2, 7); // back-off 200, 400, 800, 1000, 1000 ms
            Assert.True(healthy >= 2 * dead, $"healthy {healthy}, dead {dead}");
            Assert.All(readings.Where(r => r.Device.DeviceId == "healthy"), r => Assert.True(r.Succeeded));
            Assert.True(devices[1].Counters.Timeouts >= dead);
            Assert.Equal(0, devices[0].Counters.Timeouts);
        }
    }

    [Fact]
    public async Task DeadDeviceTurnLongerThanInterval_HealthyDeviceKeepsItsRate()
    {
        // Regression (issue 7, device faults): a dead device's turn (a 300 ms timeout) outlasts the healthy
        // device's 200 ms interval; the healthy poll after it was more than one interval late and the line
        // restarted its rhythm from then, losing a slot per dead turn (87 % of the rate in the edge test).
        (IReadOnlyList<EdgeDevice> devices, PollLine line, ReadingChannel channel) = Line(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300));
        await using (line)
        {
            _faults.Set(2, new ModbusFault(ModbusFaultKind.NoResponse));
            using var run = new CancellationTokenSource(TimeSpan.FromSeconds(4));
            Task<int> healthyReadings = Task.Run(async () =>
            {
                int count = 0;
                await foreach (DeviceReading r in channel.Reader.ReadAllAsync(CancellationToken.None))
                {
                    count += r.Device.DeviceId == "healthy" && r.Succeeded ? 1 : 0;
                }

                return count;
            });
            try
            {
                await line.RunAsync(run.Token);
            }
            catch (OperationCanceledException)
            {
            }

            channel.Writer.Complete();
            int healthy = await healthyReadings;
            Assert.True(devices[1].Counters.Timeouts >= 4, $"the dead device was tried {devices[1].Counters.Timeouts} times");
            Assert.True(healthy >= 18, $"healthy device read {healthy} times in 4 s at 200 ms (ideal 20) beside a dead device tried {devices[1].Counters.Timeouts} times");
        }
    }

    [Fact]
    public async Task FailedReads_ServeLastGoodAsStale_ThenBad()
    {
        (IReadOnlyList<EdgeDevice> devices, PollLine line, _) = Line(TimeSpan.FromMilliseconds(100));
        await using (line)
        {
            EdgeDevice dead = devices[1];
            DeviceReading good = await line.PollOnceAsync(dead, CancellationToken.None);
            Assert.True(good.Succeeded);
            Assert.Equal(6.1, good.Points.Single(p => p.Channel == "temperature").Value);

            _faults.Set(2, new ModbusFault(ModbusFaultKind.NoResponse));
            DeviceReading stale = await line.PollOnceAsync(dead, CancellationToken.None);
            TelemetryPoint t = stale.Points.Single(p => p.Channel == "temperature");
            Assert.False(stale.Succeeded);
            Assert.Equal((Quality.Stale, 6.1), (t.Quality, t.Value));

            await Task.Delay(TimeSpan.FromMilliseconds(350)); // past 3 poll intervals
            DeviceReading bad = await line.PollOnceAsync(dead, CancellationToken.None);
            TelemetryPoint b = bad.Points.Single(p => p.Channel == "temperature");
            Assert.Equal(Quality.Bad, b.Quality);
            Assert.True(double.IsNaN(b.Value));
        }
    }

    [Fact]
    public async Task WrongUnitAndGarbageReplies_AreCountedPerDevice_NeverThrown()
    {
        (IReadOnlyList<EdgeDevice> devices, PollLine line, _) = Line(TimeSpan.FromMilliseconds(100));
        await using (line)
        {
            _faults.Set(1, new ModbusFault(ModbusFaultKind.CorruptFrame), count: 1);
            DeviceReading corrupt = await line.PollOnceAsync(devices[0], CancellationToken.None);
            _faults.Set(1, new ModbusFault(ModbusFaultKind.WrongUnitId), count: 1);
            DeviceReading wrongUnit = await line.PollOnceAsync(devices[0], CancellationToken.None);
            DeviceReading fine = await line.PollOnceAsync(devices[0], CancellationToken.None);

            Assert.False(corrupt.Succeeded);
            Assert.False(wrongUnit.Succeeded);
            Assert.True(fine.Succeeded);
            Assert.True(devices[0].Counters.CrcErrors + devices[0].Counters.ProtocolErrors + devices[0].Counters.Timeouts >= 2);
            Assert.Equal(3, devices[0].Counters.Polls);
            Assert.Equal(2, devices[0].Counters.FailedPolls);
        }
    }
}
