using Hpms.Edge.MqttDevices;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Edge.Tests.MqttDevices;

public sealed class CabinetEventMapperTests
{
    private static readonly DeviceTags s_tags = new("site", "b1", "ward-3", "gw-1", CabinetReportNormalizer.DeviceClass, "cab-9");

    private const long Received = 1_741_734_005_000;

    [Fact]
    public void ToDeviceEvent_CabinetClockNotSet_StartedAtReceipt()
    {
        Assert.Equal(Received, CabinetEventMapper.ToDeviceEvent(new CabinetEvent("cab-9", 7, 12_000, "badge", 0, 0, 0), s_tags, Received)!.StartedUnixMs);
    }

    [Fact]
    public void ToDeviceEvent_DoorForced_CriticalMomentaryCabinetKind()
    {
        DeviceEvent e = CabinetEventMapper.ToDeviceEvent(new CabinetEvent("cab-9", 7, 1_741_734_000_000, "door-forced", 0, 0, 0), s_tags, Received)!;

        Assert.Equal("cabinet:door-forced:cabinet", e.Kind);
        Assert.Equal(EventState.Momentary, e.State);
        Assert.Equal(EventSeverity.Critical, e.Severity);
        Assert.Equal(1_741_734_000_000, e.StartedUnixMs);
        Assert.Null(e.ClearedUnixMs);
        Assert.Same(s_tags, e.Device);
        Assert.Equal(32, e.Id.Length);
    }

    [Fact]
    public void ToDeviceEvent_BadgeOnBin_CarriesBinBadgeAndCount()
    {
        DeviceEvent e = CabinetEventMapper.ToDeviceEvent(new CabinetEvent("cab-9", 8, 1_000, "badge", 3, 40_000_123, 12), s_tags, Received)!;

        Assert.Equal("cabinet:badge:bin03", e.Kind);
        Assert.Equal(EventSeverity.Info, e.Severity);
        Assert.Equal(3, e.Values["bin"]);
        Assert.Equal(40_000_123, e.Values["badge"]);
        Assert.Equal(12, e.Values["count"]);
    }

    [Fact]
    public void ToDeviceEvent_SameEventTwice_SameId_NextSequence_OtherId()
    {
        var first = new CabinetEvent("cab-9", 8, 1_000, "badge", 0, 5, 0);

        Assert.Equal(CabinetEventMapper.ToDeviceEvent(first, s_tags, Received)!.Id, CabinetEventMapper.ToDeviceEvent(first, s_tags, Received)!.Id);
        Assert.NotEqual(CabinetEventMapper.ToDeviceEvent(first, s_tags, Received)!.Id, CabinetEventMapper.ToDeviceEvent(first with { Sequence = 9 }, s_tags, Received)!.Id);
    }

    [Fact]
    public void ToDeviceEvent_UnknownKind_Null()
    {
        Assert.Null(CabinetEventMapper.ToDeviceEvent(new CabinetEvent("cab-9", 8, 1_000, "firmware-updated", 0, 0, 0), s_tags, Received));
    }

    [Fact]
    public void Handle_EventMessage_GivesTheDeviceEventAndEncodes()
    {
        var ingest = new MqttDeviceIngest([s_tags], NullLogger.Instance);
        byte[] payload = CabinetPayloadCodec.Encode(new CabinetEvent("cab-9", 3, 1_741_734_000_000, "stock-out", 5, 0, 0));

        IngestOutcome outcome = ingest.Handle("devices/cab-9/event", payload, Received, out _, out DeviceEvent? e);

        Assert.Equal(IngestOutcome.Event, outcome);
        Assert.NotNull(e);
        Assert.Equal("cabinet:stock-out:bin05", e.Kind);
        PayloadParseResult<DeviceEvent> parsed = EnvelopeCodec.ParseEvent(EnvelopeCodec.Encode(e));
        Assert.True(parsed.IsOk, parsed.Error);
    }
}
