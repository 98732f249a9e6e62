using System.Diagnostics;
using System.Threading.Channels;
using Hpms.Edge.Sensors;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Tests.Sensors;

public sealed class Sht3xPollerTests : IDisposable
{
    private static readonly DeviceTags Probe = new("st-marys", "b1", "comms-room", "gw-1", "sht3x", "gw-1-probe");
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeI2cDevice _bus = new();
    private readonly ManualTimeProvider _time = new(Noon);

    public void Dispose() => _bus.Dispose();

    private Sht3xPoller Poller() => new(new Sht3xDriver(_bus, _time), Probe, _time);

    private async Task<IReadOnlyList<TelemetryPoint>> PollAsync(Sht3xPoller poller)
    {
        Task<IReadOnlyList<TelemetryPoint>> polling = poller.PollOnceAsync(CancellationToken.None);
        _time.Fire();
        return await polling;
    }

    [Fact]
    public async Task PollOnceAsync_GoodReading_GivesTemperatureAndHumidityPoints()
    {
        _bus.Reply(0x66, 0x66, 0x93, 0x80, 0x00, 0xA2);

        IReadOnlyList<TelemetryPoint> points = await PollAsync(Poller());

        long at = Noon.ToUnixTimeMilliseconds();
        Assert.Equal(2, points.Count);
        Assert.Equal(new TelemetryPoint(Probe, "temperature", points[0].Value, "°C", Quality.Good, at), points[0]);
        Assert.Equal(new TelemetryPoint(Probe, "humidity", points[1].Value, "%RH", Quality.Good, at), points[1]);
        Assert.Equal(25.0, points[0].Value, 9);
        Assert.Equal(50.000763, points[1].Value, 6);
    }

    [Fact]
    public async Task PollOnceAsync_FailedReading_GivesBadPointsWithTheLastGoodValues()
    {
        Sht3xPoller poller = Poller();
        _bus.Reply(0x66, 0x66, 0x93, 0x80, 0x00, 0xA2);
        await PollAsync(poller);
        _bus.Reply(0x66, 0x66, 0x00, 0x80, 0x00, 0xA2);

        IReadOnlyList<TelemetryPoint> points = await PollAsync(poller);

        Assert.All(points, p => Assert.Equal(Quality.Bad, p.Quality));
        Assert.Equal(25.0, points[0].Value, 9);
        Assert.All(points, p => Assert.True(double.IsFinite(p.Value)));
    }

    [Fact]
    public async Task RunAsync_PollsUntilCancelledAndKeepsGoingAfterAnError()
    {
        Sht3xPoller poller = Poller();
        _bus.NackNextWrite = true;
        _bus.Reply(0x66, 0x66, 0x93, 0x80, 0x00, 0xA2);
        var output = Channel.CreateUnbounded<TelemetryPoint>();
        using var cts = new CancellationTokenSource();

        Task running = poller.RunAsync(TimeSpan.FromMinutes(1), output.Writer, cts.Token);
        var received = new List<TelemetryPoint>();
        var deadline = Stopwatch.StartNew();
        while (received.Count < 4 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            _time.Fire();
            while (output.Reader.TryRead(out TelemetryPoint point))
            {
                received.Add(point);
            }

            await Task.Yield();
        }

        await cts.CancelAsync();
        await running;

        Assert.Equal([Quality.Bad, Quality.Bad, Quality.Good, Quality.Good], received.Take(4).Select(p => p.Quality));
        Assert.Equal(0, poller.UnexpectedErrors);
    }
}
