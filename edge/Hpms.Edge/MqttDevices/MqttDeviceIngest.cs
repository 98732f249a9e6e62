using Hpms.Edge.Polling;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging;

namespace Hpms.Edge.MqttDevices;

/// <summary>
/// Validates and normalises what MQTT-native cabinets publish (no I/O: the service feeds it messages).
/// Untrusted payloads never throw: a refused payload is counted for its device and logged once per
/// burst (the first of a run, then a summary when the device sends a good one again); messages from
/// ids that are not configured are counted and ignored; sequence gaps are counted.
/// </summary>
public sealed partial class MqttDeviceIngest
{
    private const int MaxUnknownIdsLogged = 64;

    private readonly Dictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknownLogged = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private long _unknownDevices;

    /// <summary>Creates the ingest for the configured devices.</summary>
    /// <param name="devices">Tags of each MQTT-native device (ids must be valid topic levels).</param>
    /// <param name="logger">Log.</param>
    public MqttDeviceIngest(IEnumerable<DeviceTags> devices, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(devices);
        _logger = logger;
        foreach (DeviceTags tags in devices)
        {
            _devices[tags.DeviceId] = new Device(tags);
        }

        Subscriptions = [.. _devices.Keys.SelectMany(id => new[] { CabinetTopics.Report(id), CabinetTopics.Event(id) })];
    }

    /// <summary>Gets the topics to subscribe to: each device's report and event topic.</summary>
    public IReadOnlyList<string> Subscriptions { get; }

    /// <summary>Gets messages from devices that are not configured (or naming another device than their topic).</summary>
    public long UnknownDevices => Interlocked.Read(ref _unknownDevices);

    /// <summary>Gets whether a device is a configured MQTT-native device.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>True when configured.</returns>
    public bool Has(string deviceId) => _devices.ContainsKey(deviceId);

    /// <summary>Gets the ids of the configured devices.</summary>
    public IEnumerable<string> DeviceIds => _devices.Keys;

    /// <summary>Gets a configured device's counters.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>Its counters, or null when it is not configured.</returns>
    public MqttDeviceCounters? CountersOf(string deviceId) => _devices.TryGetValue(deviceId, out Device? d) ? d.Counters : null;

    /// <summary>Handles one message; never throws on its content. Not thread-safe: call from one message loop.</summary>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="payload">Untrusted bytes.</param>
    /// <param name="receivedUnixMs">When the edge received it (the readings' timestamp).</param>
    /// <param name="reading">The normalised reading, for <see cref="IngestOutcome.Reading"/>.</param>
    /// <returns>What became of it.</returns>
    public IngestOutcome Handle(string topic, ReadOnlyMemory<byte> payload, long receivedUnixMs, out DeviceReading? reading) =>
        Handle(topic, payload, receivedUnixMs, out reading, out _);

    /// <summary>Handles one message; never throws on its content. Not thread-safe: call from one message loop.</summary>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="payload">Untrusted bytes.</param>
    /// <param name="receivedUnixMs">When the edge received it (the readings' timestamp).</param>
    /// <param name="reading">The normalised reading, for <see cref="IngestOutcome.Reading"/>.</param>
    /// <param name="deviceEvent">The event to publish, for <see cref="IngestOutcome.Event"/> of a known kind (see <see cref="CabinetEventMapper"/>).</param>
    /// <returns>What became of it.</returns>
    public IngestOutcome Handle(string topic, ReadOnlyMemory<byte> payload, long receivedUnixMs, out DeviceReading? reading, out DeviceEvent? deviceEvent)
    {
        reading = null;
        deviceEvent = null;
        if (!TrySplit(topic, out string deviceId, out string leaf))
        {
            return IngestOutcome.IgnoredTopic;
        }

        if (!_devices.TryGetValue(deviceId, out Device? device))
        {
            return Unknown(deviceId, topic);
        }

        switch (leaf)
        {
            case "report":
                PayloadParseResult<CabinetReport> report = CabinetPayloadCodec.ParseReport(payload);
                if (!report.IsOk)
                {
                    return Bad(device, report.Error);
                }

                if (!string.Equals(report.Value.DeviceId, deviceId, StringComparison.Ordinal))
                {
                    return Unknown(report.Value.DeviceId, topic);
                }

                if (!Accept(device, report.Value.Sequence))
                {
                    return IngestOutcome.Duplicate;
                }

                device.Counters.Report();
                reading = CabinetReportNormalizer.Normalize(report.Value, device.Tags, receivedUnixMs);
                return IngestOutcome.Reading;
            case "event":
                PayloadParseResult<CabinetEvent> cabinetEvent = CabinetPayloadCodec.ParseEvent(payload);
                if (!cabinetEvent.IsOk)
                {
                    return Bad(device, cabinetEvent.Error);
                }

                if (!string.Equals(cabinetEvent.Value.DeviceId, deviceId, StringComparison.Ordinal))
                {
                    return Unknown(cabinetEvent.Value.DeviceId, topic);
                }

                if (!Accept(device, cabinetEvent.Value.Sequence))
                {
                    return IngestOutcome.Duplicate;
                }

                device.Counters.Event();
                deviceEvent = CabinetEventMapper.ToDeviceEvent(cabinetEvent.Value, device.Tags, receivedUnixMs);
                LogEvent(_logger, deviceId, cabinetEvent.Value.Kind, cabinetEvent.Value.Bin, cabinetEvent.Value.Count);
                return IngestOutcome.Event;
            default:
                return IngestOutcome.IgnoredTopic;
        }
    }

    private static bool TrySplit(string topic, out string deviceId, out string leaf)
    {
        deviceId = leaf = string.Empty;
        string[] levels = topic.Split('/');
        if (levels.Length != 3 || !string.Equals(levels[0], CabinetTopics.Root, StringComparison.Ordinal))
        {
            return false;
        }

        deviceId = levels[1];
        leaf = levels[2];
        return true;
    }

    private bool Accept(Device device, long sequence)
    {
        long gapsBefore = device.Counters.SequenceGaps;
        long missedBefore = device.Counters.MissedMessages;
        bool fresh = device.Counters.Sequence(sequence);
        if (device.Counters.SequenceGaps > gapsBefore)
        {
            LogGap(_logger, device.Tags.DeviceId, device.Counters.MissedMessages - missedBefore, sequence);
        }

        if (device.BadInBurst > 0)
        {
            LogRecovered(_logger, device.Tags.DeviceId, device.BadInBurst);
            device.BadInBurst = 0;
        }

        return fresh;
    }

    private IngestOutcome Bad(Device device, string error)
    {
        device.Counters.BadPayload();
        if (device.BadInBurst++ == 0)
        {
            LogBadPayload(_logger, device.Tags.DeviceId, error);
        }

        return IngestOutcome.BadPayload;
    }

    private IngestOutcome Unknown(string deviceId, string topic)
    {
        Interlocked.Increment(ref _unknownDevices);
        if (_unknownLogged.Count < MaxUnknownIdsLogged && _unknownLogged.Add(deviceId))
        {
            LogUnknown(_logger, deviceId, topic);
        }

        return IngestOutcome.UnknownDevice;
    }

    [LoggerMessage(1, LogLevel.Warning, "MQTT device {DeviceId}: refused a payload ({Reason}); further bad payloads are counted until a good one arrives")]
    private static partial void LogBadPayload(ILogger logger, string deviceId, string reason);

    [LoggerMessage(2, LogLevel.Information, "MQTT device {DeviceId}: good payloads again after {Count} bad ones")]
    private static partial void LogRecovered(ILogger logger, string deviceId, int count);

    [LoggerMessage(3, LogLevel.Warning, "MQTT device {DeviceId} is not configured (topic {Topic}): its messages are counted and ignored")]
    private static partial void LogUnknown(ILogger logger, string deviceId, string topic);

    [LoggerMessage(4, LogLevel.Debug, "MQTT device {DeviceId}: {Missed} message(s) lost before sequence {Sequence}")]
    private static partial void LogGap(ILogger logger, string deviceId, long missed, long sequence);

    [LoggerMessage(5, LogLevel.Debug, "MQTT device {DeviceId}: event {Kind} (bin {Bin}, count {Count})")]
    private static partial void LogEvent(ILogger logger, string deviceId, string kind, int bin, int count);

    /// <summary>A configured device and its state.</summary>
    private sealed class Device(DeviceTags tags)
    {
        public DeviceTags Tags { get; } = tags;

        public MqttDeviceCounters Counters { get; } = new();

        public int BadInBurst { get; set; }
    }
}
