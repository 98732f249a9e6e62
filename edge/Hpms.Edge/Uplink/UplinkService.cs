using Hpms.Edge.Configuration;
using Hpms.Edge.Uplink.IotHub;
using Hpms.Telemetry.Forwarding;
using Hpms.Telemetry.Influx;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Uplink;

/// <summary>Runs one pump per enabled sink, draining its durable buffer into it.</summary>
public sealed class UplinkService(
    UplinkQueues queues, IOptions<UplinkOptions> uplink, IOptions<GatewayOptions> gateway, ILoggerFactory loggers, TimeProvider time) : BackgroundService
{
    private readonly List<QueuePump> _pumps = [];

    /// <summary>Gets the running pumps.</summary>
    public IReadOnlyList<QueuePump> Pumps => _pumps;

    /// <summary>Gets the MQTT uplink, when enabled.</summary>
    public MqttUplink? Mqtt { get; private set; }

    /// <summary>Gets the IoT Hub uplink, when enabled.</summary>
    public IotHubUplink? IotHub { get; private set; }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        UplinkOptions o = uplink.Value;
        ILogger logger = loggers.CreateLogger<QueuePump>();
        using InfluxForwarder? influx = queues.Influx is null ? null : new InfluxForwarder(queues.Influx, o.Influx, loggers);
        Mqtt = queues.Mqtt is null ? null : new MqttUplink(o.Mqtt, gateway.Value.Id, loggers.CreateLogger<MqttUplink>());
        using MqttUplink? mqtt = Mqtt;
        IotHub = queues.IotHub is null ? null : new IotHubUplink(o.IotHub, time, loggers.CreateLogger<IotHubUplink>());
        using IotHubUplink? iotHub = IotHub;
        if (queues.Mqtt is not null && mqtt is not null)
        {
            _pumps.Add(new QueuePump(queues.Mqtt, mqtt, new QueuePumpOptions { MaxRecords = 200 }, logger));
        }

        if (influx is not null)
        {
            _pumps.Add(influx.Pump);
        }

        if (queues.IotHub is not null && iotHub is not null)
        {
            _pumps.Add(new QueuePump(queues.IotHub, iotHub, new QueuePumpOptions { MaxRecords = 200 }, logger));
        }

        try
        {
            await Task.WhenAll(_pumps.Select(p => p.RunAsync(stoppingToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
