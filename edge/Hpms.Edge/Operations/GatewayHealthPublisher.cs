using Hpms.Edge.Configuration;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Operations;

/// <summary>
/// Every <see cref="GatewayHealthOptions.Interval"/>, hands a <c>gateway</c> reading (see
/// <see cref="GatewayHealthSampler"/>) to the same pipeline as the devices' readings, so it is buffered and
/// forwarded like any of them and a gateway that lost its uplink reports its backlog once it is back.
/// </summary>
public sealed class GatewayHealthPublisher(
    IOptions<GatewayHealthOptions> options, IOptions<GatewayOptions> gateway, ReadingChannel output, TimeProvider clock, IServiceProvider services)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GatewayHealthOptions o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        GatewayOptions g = gateway.Value;
        var sampler = new GatewayHealthSampler(new DeviceTags(g.Site, string.Empty, string.Empty, g.Id, GatewayHealthSampler.DeviceClass, g.Id));
        using var timer = new PeriodicTimer(o.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                DeviceReading reading = sampler.Sample(clock.GetUtcNow().ToUnixTimeMilliseconds(), PollCounters(), Sinks(), services.GetService<UplinkQueues>()?.Refused ?? 0);
                await output.Writer.WriteAsync(reading, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private DeviceCounters[] PollCounters() =>
        services.GetService<PollingService>() is PollingService polling ? [.. polling.Devices.Select(d => d.Counters)] : [];

    private SinkHealth[] Sinks()
    {
        if (services.GetService<UplinkService>() is not UplinkService uplink)
        {
            return [];
        }

        return [.. uplink.Pumps.Select(Of)];
    }

    private static SinkHealth Of(QueuePump pump)
    {
        DurableQueueCounters q = pump.Queue.Counters;
        return new SinkHealth(pump.Sender.Name, q.DepthRecords, q.DepthBytes, q.DroppedTelemetry + q.DroppedEvents, pump.RecordsSent, pump.RejectedRecords);
    }
}
