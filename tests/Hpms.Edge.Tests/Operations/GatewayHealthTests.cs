using Hpms.Edge.Configuration;
using Hpms.Edge.Operations;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Tests.Sensors;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Tests.Operations;

public sealed class GatewayHealthTests
{
    private static readonly DeviceTags s_gateway = new("site", string.Empty, string.Empty, "gw-1", GatewayHealthSampler.DeviceClass, "gw-1");

    private static DeviceCounters Polled(int polls, int failed, int requests, int timeouts)
    {
        var counters = new DeviceCounters();
        for (int i = 0; i < polls; i++)
        {
            bool fails = i < failed;
            counters.AddPoll(TimeSpan.FromMilliseconds(5), fails, 0, default, new CounterSnapshot(i < requests ? 1 : 0, fails && i < timeouts ? 1 : 0, 0, 0, 0, 0));
        }

        return counters;
    }

    private static Dictionary<string, double> Values(DeviceReading reading) => reading.Points.ToDictionary(p => p.Channel, p => p.Value);

    [Fact]
    public void Sample_TwoDevicesAndTwoSinks_TotalsPerGatewayAndFiguresPerSink()
    {
        var sampler = new GatewayHealthSampler(s_gateway);
        SinkHealth[] sinks = [new("mqtt", 12, 3400, 2, 500, 1), new("influx", 0, 0, 0, 480, 0)];

        DeviceReading reading = sampler.Sample(1_700_000_000_000, [Polled(10, 2, 10, 1), Polled(10, 0, 10, 0)], sinks, refused: 3);

        Dictionary<string, double> v = Values(reading);
        Assert.Equal(s_gateway, reading.Device);
        Assert.True(reading.Succeeded);
        Assert.All(reading.Points, p => Assert.Equal((1_700_000_000_000, Quality.Good), (p.TimestampUnixMs, p.Quality)));
        Assert.Equal(2, v["devices.configured"]);
        Assert.Equal(20, v["poll.polls"]);
        Assert.Equal(2, v["poll.failed"]);
        Assert.Equal(20, v["poll.requests"]);
        Assert.Equal(1, v["poll.timeouts"]);
        Assert.Equal(90, v["poll.success-percent"], 6);
        Assert.Equal(3, v["buffer.refused"]);
        Assert.Equal(12, v["buffer.mqtt.records"]);
        Assert.Equal(3400, v["buffer.mqtt.bytes"]);
        Assert.Equal(2, v["buffer.mqtt.dropped"]);
        Assert.Equal(500, v["sink.mqtt.sent"]);
        Assert.Equal(1, v["sink.mqtt.rejected"]);
        Assert.Equal(480, v["sink.influx.sent"]);
    }

    [Fact]
    public void Sample_SecondSample_SuccessPercentCoversOnlyTheNewPolls()
    {
        var sampler = new GatewayHealthSampler(s_gateway);
        DeviceCounters device = Polled(4, 0, 4, 0);
        sampler.Sample(1, [device], [], 0);
        device.AddPoll(TimeSpan.FromMilliseconds(5), failed: true, 0, default, new CounterSnapshot(1, 1, 0, 0, 0, 0));

        Dictionary<string, double> v = Values(sampler.Sample(2, [device], [], 0));

        Assert.Equal(0, v["poll.success-percent"]);
        Assert.Equal(5, v["poll.polls"]);
    }

    [Fact]
    public void Sample_NoNewPolls_NoSuccessPercent()
    {
        var sampler = new GatewayHealthSampler(s_gateway);
        DeviceCounters device = Polled(3, 0, 3, 0);
        sampler.Sample(1, [device], [], 0);

        DeviceReading reading = sampler.Sample(2, [device], [], 0);

        Assert.DoesNotContain(reading.Points, p => p.Channel == "poll.success-percent");
        Assert.Contains(reading.Points, p => p.Channel == "poll.polls" && p.Value == 3);
    }

    [Fact]
    public void Validate_EnabledWithSubSecondInterval_NamesTheKey()
    {
        Assert.Equal(["GatewayHealth:Interval: must be at least 00:00:01."], new GatewayHealthOptions { Interval = TimeSpan.FromMilliseconds(100) }.Validate());
        Assert.Empty(new GatewayHealthOptions { Enabled = false, Interval = TimeSpan.Zero }.Validate());
        Assert.Empty(new GatewayHealthOptions().Validate());
    }

    [Fact]
    public async Task Publisher_TimerTicks_WritesAGatewayReadingIntoThePipeline()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var channel = new ReadingChannel();
        using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        using var publisher = new GatewayHealthPublisher(
            Options.Create(new GatewayHealthOptions { Interval = TimeSpan.FromSeconds(5) }),
            Options.Create(new GatewayOptions { Site = "site", Id = "gw-7" }),
            channel,
            clock,
            services);
        await publisher.StartAsync(CancellationToken.None);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!channel.Reader.TryPeek(out _))
            {
                clock.Fire();
                await Task.Delay(20, timeout.Token);
            }

            DeviceReading reading = await channel.Reader.ReadAsync(timeout.Token);
            Assert.Equal(("gateway", "gw-7", "gw-7", "site"), (reading.Device.DeviceClass, reading.Device.DeviceId, reading.Device.Gateway, reading.Device.Site));
            Assert.Equal(clock.Now.ToUnixTimeMilliseconds(), reading.TimestampUnixMs);
            Assert.Contains(reading.Points, p => p.Channel == "devices.configured" && p.Value == 0);
        }
        finally
        {
            await publisher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Publisher_Disabled_WritesNothing()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var channel = new ReadingChannel();
        using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        using var publisher = new GatewayHealthPublisher(
            Options.Create(new GatewayHealthOptions { Enabled = false }), Options.Create(new GatewayOptions()), channel, clock, services);
        await publisher.StartAsync(CancellationToken.None);
        await publisher.ExecuteTask!;

        Assert.Equal(0, clock.Fire());
        Assert.False(channel.Reader.TryPeek(out _));
        await publisher.StopAsync(CancellationToken.None);
    }
}
