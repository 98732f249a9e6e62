using Hpms.Edge.Uplink.IotHub;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;

namespace Hpms.Edge.Tests.Uplink.IotHub;

public sealed class IotHubMessageTopicTests
{
    private static readonly DeviceTags s_tags = new("site", "b1", "ward", "gw-1", "cold-chain-fridge", "fridge-7");

    [Theory]
    [InlineData(RecordKind.Telemetry, "telemetry")]
    [InlineData(RecordKind.Event, "event")]
    public void For_Kind_EventsTopicWithContentTypeEncodingAndHpmsProperties(RecordKind kind, string kindText)
    {
        Assert.Equal(
            "devices/hub-gw-1/messages/events/$.ct=application%2Fjson&$.ce=utf-8&hpms-kind=" + kindText + "&hpms-device=fridge-7&hpms-class=cold-chain-fridge",
            IotHubMessageTopic.For("hub-gw-1", s_tags, kind));
    }
}
