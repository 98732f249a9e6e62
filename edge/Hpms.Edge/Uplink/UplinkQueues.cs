using System.Buffers;
using Hpms.Edge.Configuration;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink.IotHub;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Hpms.Telemetry.Influx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Uplink;

/// <summary>
/// The pipeline stage that puts every reading and event into each sink's durable buffer, encoded as
/// that sink sends it (MQTT: topic + JSON envelope; InfluxDB: line protocol). Once a record is
/// appended it survives a crash of the gateway; the pumps drain the buffers when the sinks are up.
/// </summary>
public sealed partial class UplinkQueues : IReadingConsumer, IEventPublisher, IDisposable
{
    private readonly GatewayOptions _gateway;
    private readonly DurableQueue? _mqtt;
    private readonly DurableQueue? _influx;
    private readonly DurableQueue? _iotHub;
    private readonly string _iotHubDeviceId;
    private readonly TelemetryLineEncoder _lines = new(TimestampPrecision.Milliseconds);
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    // Readings (the poll pipeline) and events (rules, MQTT-native devices) arrive on different threads and share
    // _buffer: without the gate one record's bytes ended up with another's length (seen in the demo).
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private long _sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    private long _refused;

    /// <summary>Opens the buffers of the enabled sinks.</summary>
    /// <param name="gateway">Gateway options.</param>
    /// <param name="uplink">Uplink options.</param>
    /// <param name="loggers">Log.</param>
    public UplinkQueues(IOptions<GatewayOptions> gateway, IOptions<UplinkOptions> uplink, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(loggers);
        _gateway = gateway.Value;
        UplinkOptions o = uplink.Value;
        _logger = loggers.CreateLogger<UplinkQueues>();
        if (o.Mqtt.Enabled)
        {
            _mqtt = Open("mqtt", o, loggers);
        }

        if (o.InfluxEnabled)
        {
            _influx = Open("influx", o, loggers);
        }

        _iotHubDeviceId = o.IotHub.DeviceId;
        if (o.IotHub.Enabled)
        {
            _iotHub = Open("iothub", o, loggers);
        }
    }

    /// <summary>Gets the MQTT sink's buffer, when enabled.</summary>
    public DurableQueue? Mqtt => _mqtt;

    /// <summary>Gets the InfluxDB sink's buffer, when enabled.</summary>
    public DurableQueue? Influx => _influx;

    /// <summary>Gets the IoT Hub sink's buffer, when enabled.</summary>
    public DurableQueue? IotHub => _iotHub;

    /// <summary>Gets records a buffer refused (full of events, disk error): counted, logged by the buffer.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <inheritdoc/>
    public ValueTask ConsumeAsync(DeviceReading reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        lock (_gate)
        {
            Write(reading);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void Publish(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        lock (_gate)
        {
            Write(deviceEvent);
        }
    }

    private void Write(DeviceReading reading)
    {
        if (_mqtt is not null || _iotHub is not null)
        {
            // One envelope (one batch sequence) for both message sinks, so the cloud de-duplicates across them.
            byte[] envelope = EnvelopeCodec.Encode(new TelemetryBatch(reading.Device, Interlocked.Increment(ref _sequence), reading.Points));
            if (_mqtt is not null)
            {
                _buffer.ResetWrittenCount();
                MqttRecord.Write(_buffer, TopicScheme.Telemetry(_gateway.Site, _gateway.Id, reading.Device.DeviceId), envelope);
                Append(_mqtt, RecordKind.Telemetry);
            }

            if (_iotHub is not null)
            {
                _buffer.ResetWrittenCount();
                MqttRecord.Write(_buffer, IotHubMessageTopic.For(_iotHubDeviceId, reading.Device, RecordKind.Telemetry), envelope);
                Append(_iotHub, RecordKind.Telemetry);
            }
        }

        if (_influx is not null)
        {
            _buffer.ResetWrittenCount();
            TelemetryPoint[] points = [.. reading.Points];
            _lines.Encode(points, _buffer);
            if (_buffer.WrittenCount > 0)
            {
                Append(_influx, RecordKind.Telemetry);
            }
        }
    }

    private void Write(DeviceEvent deviceEvent)
    {
        if (_mqtt is not null)
        {
            _buffer.ResetWrittenCount();
            MqttRecord.Write(_buffer, TopicScheme.Event(_gateway.Site, _gateway.Id, deviceEvent.Device.DeviceId), EnvelopeCodec.Encode(deviceEvent));
            Append(_mqtt, RecordKind.Event);
        }

        if (_iotHub is not null)
        {
            _buffer.ResetWrittenCount();
            MqttRecord.Write(_buffer, IotHubMessageTopic.For(_iotHubDeviceId, deviceEvent.Device, RecordKind.Event), EnvelopeCodec.Encode(deviceEvent));
            Append(_iotHub, RecordKind.Event);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _mqtt?.Dispose();
        _influx?.Dispose();
        _iotHub?.Dispose();
    }

    private static DurableQueue Open(string name, UplinkOptions o, ILoggerFactory loggers) =>
        DurableQueue.Open(QueueOptions(name, o), loggers.CreateLogger<DurableQueue>());

    /// <summary>
    /// The buffer's options for one sink. Segments (the unit of a drop) are a sixteenth of the bound, at most the
    /// queue's 4 MiB default, and a record fits in one: a small bound (1..16 MiB, which the options allow) once made
    /// the queue refuse to open, and a disk-full drop loses a sixteenth of the buffer rather than a quarter.
    /// </summary>
    /// <param name="name">The sink's name (the sub-folder is <c>buffer-</c> + name).</param>
    /// <param name="o">Uplink options.</param>
    /// <returns>Options that <see cref="DurableQueueOptions.Validate"/> accepts for any valid <see cref="UplinkOptions.BufferMaxBytes"/>.</returns>
    internal static DurableQueueOptions QueueOptions(string name, UplinkOptions o)
    {
        const int RecordHeaderBytes = 16;
        var defaults = new DurableQueueOptions();
        long segment = Math.Min(defaults.SegmentBytes, o.BufferMaxBytes / 16);
        return new DurableQueueOptions
        {
            Directory = Path.Combine(o.StateDirectory, "buffer-" + name),
            Name = name,
            MaxBytes = o.BufferMaxBytes,
            SegmentBytes = segment,
            MaxRecordBytes = (int)Math.Min(defaults.MaxRecordBytes, segment - RecordHeaderBytes),
        };
    }

    private void Append(DurableQueue queue, RecordKind kind)
    {
        AppendResult result = queue.Append(kind, _buffer.WrittenSpan);
        if (!result.IsAppended)
        {
            Interlocked.Increment(ref _refused); // the queue counts and logs the burst itself
        }
    }
}
