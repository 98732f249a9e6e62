using Hpms.Protocols.AzureIotHub;

namespace Hpms.Protocols.Tests.AzureIotHub;

/// <summary>The documented IoT Hub MQTT names, spelled exactly.</summary>
public sealed class IotHubMqttTopicsTests
{
    [Fact]
    public void ConnectNames_Device_MatchDocumentation()
    {
        Assert.Equal("gw-01", IotHubMqttTopics.ClientId("gw-01"));
        Assert.Equal("myhub.azure-devices.net/gw-01/?api-version=2021-04-12", IotHubMqttTopics.Username("myhub.azure-devices.net", "gw-01"));
    }

    [Fact]
    public void Telemetry_NoProperties_EndsWithSlash() =>
        Assert.Equal("devices/gw-01/messages/events/", IotHubMqttTopics.Telemetry("gw-01"));

    [Fact]
    public void Telemetry_SystemAndApplicationProperties_UrlEncodedBag()
    {
        string topic = IotHubMqttTopics.Telemetry("gw-01",
        [
            new(IotHubMqttTopics.ContentTypeProperty, "application/json"),
            new(IotHubMqttTopics.ContentEncodingProperty, "utf-8"),
            new("site", "st mary&co"),
        ]);
        Assert.Equal("devices/gw-01/messages/events/$.ct=application%2Fjson&$.ce=utf-8&site=st%20mary%26co", topic);
    }

    [Fact]
    public void SubscriptionsAndResponse_MatchDocumentation()
    {
        Assert.Equal("devices/gw-01/messages/devicebound/#", IotHubMqttTopics.CloudToDeviceFilter("gw-01"));
        Assert.Equal("$iothub/methods/POST/#", IotHubMqttTopics.DirectMethodsFilter);
        Assert.Equal("$iothub/methods/res/200/?$rid=1a2b", IotHubMqttTopics.DirectMethodResponse(200, "1a2b"));
    }

    [Fact]
    public void TryParseDirectMethod_DocumentedTopic_ReadsNameAndRequestId()
    {
        Assert.True(IotHubMqttTopics.TryParseDirectMethod("$iothub/methods/POST/unlock/?$rid=42", out IotHubDirectMethod? call));
        Assert.Equal(new IotHubDirectMethod("unlock", "42"), call);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("$iothub/methods/POST/")]
    [InlineData("$iothub/methods/POST//?$rid=1")]
    [InlineData("$iothub/methods/POST/unlock")]
    [InlineData("$iothub/methods/POST/unlock/?$rid=")]
    [InlineData("$iothub/methods/POST/a/b/?$rid=1")]
    [InlineData("$iothub/methods/GET/unlock/?$rid=1")]
    [InlineData("devices/gw-01/messages/devicebound/x")]
    public void TryParseDirectMethod_Malformed_ReturnsFalse(string? topic)
    {
        Assert.False(IotHubMqttTopics.TryParseDirectMethod(topic, out IotHubDirectMethod? call));
        Assert.Null(call);
    }

    [Fact]
    public void TryParseDirectMethod_ResponseTopicRoundTrip_RequestIdSurvives()
    {
        Assert.True(IotHubMqttTopics.TryParseDirectMethod("$iothub/methods/POST/set_point/?x=1&$rid=ab-9", out IotHubDirectMethod? call));
        Assert.Equal("$iothub/methods/res/404/?$rid=ab-9", IotHubMqttTopics.DirectMethodResponse(404, call.RequestId));
    }
}
