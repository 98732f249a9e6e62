using System.Collections.Concurrent;
using System.Globalization;
using Hpms.Protocols.MqttDevices;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>
/// The MQTT-native variant of the supply cabinet (firmware-protocols/devices/smart-supply-cabinet-mqtt.md):
/// the same <see cref="CabinetModel"/>, reporting every <c>reportSeconds</c> of simulated time and
/// raising events into an outbox, and carrying out validated commands at the start of the next step.
/// </summary>
public sealed class MqttSupplyCabinetDevice : SimulatedDevice, IMqttNativeDevice
{
    /// <summary>Most messages kept while the broker is away; the oldest are dropped beyond it.</summary>
    public const int OutboxCapacity = 2000;

    private const int RememberedCommandIds = 256;

    private readonly ConcurrentQueue<MqttOutboxMessage> _outbox = new();
    private readonly ConcurrentQueue<(CabinetCommand Command, string ReplyTopic, byte[]? Correlation)> _commands = new();
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private readonly TimeSpan _reportInterval;
    private readonly string _reportTopic;
    private readonly string _eventTopic;
    private readonly string _replyTopic;
    private DateTimeOffset? _nextReport;
    private long _sequence;
    private long _badCommands;
    private long _dropped;

    /// <summary>Creates the cabinet.</summary>
    /// <param name="context">Identity (its id is the MQTT device id), random stream, flow, ground truth.</param>
    /// <param name="settings">Scenario settings: those of <see cref="CabinetSettings"/> plus <c>reportSeconds</c> (default 60).</param>
    public MqttSupplyCabinetDevice(DeviceContext context, DeviceSettings settings)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!CabinetTopics.IsValidDeviceId(context.Identity.Id))
        {
            settings.Error("id", $"'{context.Identity.Id}' cannot be an MQTT topic level (1..64 of [A-Za-z0-9._-]).");
        }

        DeviceId = context.Identity.Id;
        _reportInterval = TimeSpan.FromSeconds(settings.Number("reportSeconds", 60, 1, 86_400));
        Model = new CabinetModel(CabinetSettings.Read(settings, context.Random), context, OnNotice);
        bool validId = CabinetTopics.IsValidDeviceId(DeviceId);
        _reportTopic = validId ? CabinetTopics.Report(DeviceId) : string.Empty;
        _eventTopic = validId ? CabinetTopics.Event(DeviceId) : string.Empty;
        _replyTopic = validId ? CabinetTopics.Reply(DeviceId) : string.Empty;
        Subscriptions = validId ? [CabinetTopics.Command(DeviceId)] : [];
    }

    /// <summary>Gets the class as scenarios name it (no register map: it speaks MQTT).</summary>
    public static DeviceClassInfo Info { get; } = new(
        "smart-supply-cabinet-mqtt",
        null,
        SupplyCabinetEvents.All,
        (context, _, settings) => new MqttSupplyCabinetDevice(context, settings));

    /// <inheritdoc/>
    public string DeviceId { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Subscriptions { get; }

    /// <summary>Gets the stock and access model.</summary>
    public CabinetModel Model { get; }

    /// <summary>Gets the commands refused as malformed, expired, duplicate or naming a bad bin.</summary>
    public long BadCommands => Interlocked.Read(ref _badCommands);

    /// <summary>Gets the messages dropped because the outbox was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <inheritdoc/>
    public override void Advance(DateTimeOffset now, TimeSpan elapsed)
    {
        DateTimeOffset stepStart = now - elapsed;
        while (_commands.TryDequeue(out (CabinetCommand Command, string ReplyTopic, byte[]? Correlation) item))
        {
            CabinetCommandReply reply = Execute(item.Command, stepStart);
            Enqueue(new MqttOutboxMessage(item.ReplyTopic, CabinetPayloadCodec.Encode(reply), true, item.Correlation));
        }

        Model.Advance(now, elapsed);
        if (_nextReport is null || now >= _nextReport)
        {
            // One report per step at most: a 24-minute step does not replay the reports it skipped.
            Enqueue(new MqttOutboxMessage(_reportTopic, CabinetPayloadCodec.Encode(BuildReport(now)), false));
            _nextReport = (_nextReport is { } due && now - due < _reportInterval ? due : now) + _reportInterval;
        }
    }

    /// <inheritdoc/>
    public override void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        SupplyCabinetEvents.Apply(Model, scenarioEvent, phase, now);
    }

    /// <summary>The report the cabinet would send now (also used by tests).</summary>
    /// <param name="now">Device time.</param>
    /// <returns>The report with the next sequence number.</returns>
    public CabinetReport BuildReport(DateTimeOffset now)
    {
        CabinetModel m = Model;
        var bins = new CabinetBinReport[m.Bins.Count];
        for (int i = 0; i < bins.Length; i++)
        {
            CabinetBin b = m.Bins[i];
            bins[i] = new CabinetBinReport(b.Number, b.ItemCode, b.OnHand, b.Lot, b.Expiry, b.Par, b.ReorderPoint, b.Light);
        }

        return new CabinetReport(
            DeviceId, Interlocked.Increment(ref _sequence), CabinetPayloadCodec.ToUnixMs(now), m.DoorOpen, m.DoorOpenSeconds, m.DoorForced,
            m.LockEngaged, m.Lockdown, m.Tamper, m.PowerFail, m.LastBadge, m.BadgeEventCount, bins);
    }

    /// <inheritdoc/>
    public int DrainOutbox(ICollection<MqttOutboxMessage> into, int max)
    {
        ArgumentNullException.ThrowIfNull(into);
        int moved = 0;
        while (moved < max && _outbox.TryDequeue(out MqttOutboxMessage? message))
        {
            into.Add(message);
            moved++;
        }

        return moved;
    }

    /// <inheritdoc/>
    public void HandleCommand(MqttInboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string replyTopic = string.IsNullOrEmpty(message.ResponseTopic) ? _replyTopic : message.ResponseTopic;
        PayloadParseResult<CabinetCommand> parsed = CabinetPayloadCodec.ParseCommand(message.Payload);
        if (!parsed.IsOk)
        {
            Interlocked.Increment(ref _badCommands);
            bool unknown = parsed.Error.Contains("unknown command", StringComparison.Ordinal);
            var reply = new CabinetCommandReply(
                CabinetPayloadCodec.TryReadCommandId(message.Payload), false, unknown ? CabinetCommandErrors.UnknownCommand : CabinetCommandErrors.BadRequest, parsed.Error);
            Enqueue(new MqttOutboxMessage(replyTopic, CabinetPayloadCodec.Encode(reply), true, message.CorrelationData));
            return;
        }

        _commands.Enqueue((parsed.Value, replyTopic, message.CorrelationData));
    }

    private CabinetCommandReply Execute(CabinetCommand command, DateTimeOffset at)
    {
        if (command.ExpiresUnixMs is long expires && expires < CabinetPayloadCodec.ToUnixMs(at))
        {
            return Refuse(command, CabinetCommandErrors.Expired, "expired on the device clock", bad: true);
        }

        if (!_seenIds.Add(command.Id))
        {
            return Refuse(command, CabinetCommandErrors.Duplicate, "this command id was already received", bad: true);
        }

        _seenOrder.Enqueue(command.Id);
        if (_seenOrder.Count > RememberedCommandIds)
        {
            _seenIds.Remove(_seenOrder.Dequeue());
        }

        switch (command.Name)
        {
            case CabinetCommandNames.Unlock:
                return Model.RequestUnlock(at, TimeSpan.FromSeconds(command.Seconds))
                    ? new CabinetCommandReply(command.Id, true)
                    : Refuse(command, CabinetCommandErrors.Lockdown, "the cabinet is in lockdown", bad: false);
            case CabinetCommandNames.Light:
                foreach (int bin in command.Bins ?? [])
                {
                    if (bin > Model.Bins.Count)
                    {
                        return Refuse(command, CabinetCommandErrors.BadBin, string.Create(CultureInfo.InvariantCulture, $"bin {bin} is not stocked (bins 1..{Model.Bins.Count})"), bad: true);
                    }
                }

                foreach (int bin in command.Bins ?? [])
                {
                    Model.SetLight(bin, true, at);
                }

                return new CabinetCommandReply(command.Id, true);
            default:
                Model.SetLockdown(command.On, at);
                return new CabinetCommandReply(command.Id, true);
        }
    }

    private CabinetCommandReply Refuse(CabinetCommand command, string error, string reason, bool bad)
    {
        if (bad)
        {
            Interlocked.Increment(ref _badCommands);
        }

        return new CabinetCommandReply(command.Id, false, error, reason);
    }

    private void OnNotice(CabinetNotice notice)
    {
        var cabinetEvent = new CabinetEvent(
            DeviceId, Interlocked.Increment(ref _sequence), CabinetPayloadCodec.ToUnixMs(notice.At), notice.Kind, notice.Bin, notice.Badge, notice.Count);
        Enqueue(new MqttOutboxMessage(_eventTopic, CabinetPayloadCodec.Encode(cabinetEvent), true));
    }

    private void Enqueue(MqttOutboxMessage message)
    {
        _outbox.Enqueue(message);
        while (_outbox.Count > OutboxCapacity && _outbox.TryDequeue(out _))
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}
