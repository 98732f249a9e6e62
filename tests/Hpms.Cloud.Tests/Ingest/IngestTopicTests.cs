using Hpms.Cloud.Ingest;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Tests.Ingest;

public sealed class IngestTopicTests
{
    [Theory]
    [InlineData("hpms/v1/st-mary/gw-01/fridge-07/telemetry", IngestMessageKind.Telemetry)]
    [InlineData("hpms/v1/st-mary/gw-01/fridge-07/event", IngestMessageKind.Event)]
    [InlineData("hpms/v1/st-mary/gw-01/fridge-07/state", IngestMessageKind.State)]
    public void Parse_GatewayTopic_SplitsLevels(string topic, IngestMessageKind kind)
    {
        IngestTopic? parsed = IngestTopic.Parse(topic);

        Assert.Equal(new IngestTopic("st-mary", "gw-01", "fridge-07", kind), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hpms/v2/s/g/d/telemetry")]
    [InlineData("hpms/v1/s/g/telemetry")]
    [InlineData("hpms/v1/s/g/d/cmd/unlock")]
    [InlineData("hpms/v1/s/g/d/other")]
    [InlineData("hpms/v1/s//d/telemetry")]
    [InlineData("hpms/v1/s/g/d/e/telemetry")]
    public void Parse_OtherTopic_ReturnsNull(string topic) => Assert.Null(IngestTopic.Parse(topic));

    [Fact]
    public void Filters_WithGroup_AreSharedSubscriptions()
    {
        Assert.Equal(
            ["$share/hpms-cloud/hpms/v1/+/+/+/telemetry", "$share/hpms-cloud/hpms/v1/+/+/+/event", "$share/hpms-cloud/hpms/v1/+/+/+/state"],
            IngestTopic.Filters("hpms-cloud"));
    }

    [Fact]
    public void Filters_ByLane_TelemetryAloneEventsWithState()
    {
        Assert.Equal(["$share/g/hpms/v1/+/+/+/telemetry"], IngestTopic.Filters("g", IngestLane.Telemetry));
        Assert.Equal(["$share/g/hpms/v1/+/+/+/event", "$share/g/hpms/v1/+/+/+/state"], IngestTopic.Filters("g", IngestLane.Events));
    }

    [Fact]
    public void ClientId_EachLaneItsOwnSession_TelemetryKeepsTheConfiguredOne()
    {
        Assert.Equal("hpms-cloud-a", IngestTopic.ClientId("hpms-cloud-a", IngestLane.Telemetry));
        Assert.Equal("hpms-cloud-a-events", IngestTopic.ClientId("hpms-cloud-a", IngestLane.Events));
    }

    [Fact]
    public void Filters_WithoutGroup_ArePlain() => Assert.Equal("hpms/v1/+/+/+/telemetry", IngestTopic.Filters(string.Empty)[0]);

    [Theory]
    [InlineData("st-mary", "gw-01", "fridge-07", true)]
    [InlineData("other", "gw-01", "fridge-07", false)]
    [InlineData("st-mary", "gw-02", "fridge-07", false)]
    [InlineData("st-mary", "gw-01", "fridge-08", false)]
    public void Matches_ComparesSiteGatewayAndDevice(string site, string gateway, string device, bool expected)
    {
        IngestTopic topic = IngestTopic.Parse("hpms/v1/st-mary/gw-01/fridge-07/telemetry")!;

        Assert.Equal(expected, topic.Matches(new DeviceTags(site, "north", "pharmacy", gateway, "cold-chain-fridge", device)));
    }
}
