using System.Text;
using Hpms.Cloud.Ingest;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Tests.Ingest;

public sealed class MessageValidatorTests
{
    private static readonly DeviceTags s_fridge = new("st-mary", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-07");
    private const string TelemetryTopic = "hpms/v1/st-mary/gw-01/fridge-07/telemetry";
    private const string EventTopic = "hpms/v1/st-mary/gw-01/fridge-07/event";

    [Fact]
    public void Validate_GoodTelemetry_IsAccepted()
    {
        byte[] payload = EnvelopeCodec.Encode(new TelemetryBatch(s_fridge, 1, [new TelemetryPoint(s_fridge, "temperature", 4.5, "°C", Quality.Good, 1_700_000_000_000)]));

        ValidatedMessage result = MessageValidator.Validate(TelemetryTopic, payload);

        Assert.True(result.IsAccepted);
        Assert.Equal(4.5, Assert.Single(result.Batch!.Points).Value);
    }

    [Fact]
    public void Validate_GoodEvent_IsAccepted()
    {
        byte[] payload = EnvelopeCodec.Encode(Event(s_fridge));

        ValidatedMessage result = MessageValidator.Validate(EventTopic, payload);

        Assert.True(result.IsAccepted);
        Assert.Equal("evt-1", result.Event!.Id);
    }

    [Fact]
    public void Validate_EventForAnotherDevice_IsTopicMismatch()
    {
        byte[] payload = EnvelopeCodec.Encode(Event(s_fridge with { DeviceId = "fridge-08" }));

        ValidatedMessage result = MessageValidator.Validate(EventTopic, payload);

        Assert.Equal(DeadLetterReasons.TopicMismatch, result.Reason);
        Assert.Contains("fridge-08", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TelemetryFromAnotherGateway_IsTopicMismatch()
    {
        DeviceTags other = s_fridge with { Gateway = "gw-02" };
        byte[] payload = EnvelopeCodec.Encode(new TelemetryBatch(other, 1, [new TelemetryPoint(other, "temperature", 4.5, "°C", Quality.Good, 1_700_000_000_000)]));

        Assert.Equal(DeadLetterReasons.TopicMismatch, MessageValidator.Validate(TelemetryTopic, payload).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"v\":1}")]
    [InlineData("{\"v\":1,\"seq\":1,\"device\":{},\"points\":[],\"extra\":1}")]
    public void Validate_BadTelemetry_IsBadPayloadWithTheParsersReason(string json)
    {
        ValidatedMessage result = MessageValidator.Validate(TelemetryTopic, Encoding.UTF8.GetBytes(json));

        Assert.Equal(DeadLetterReasons.BadPayload, result.Reason);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [Fact]
    public void Validate_BadTopic_IsBadTopic() => Assert.Equal(DeadLetterReasons.BadTopic, MessageValidator.Validate("other/topic", "{}"u8.ToArray()).Reason);

    [Theory]
    [InlineData("{\"online\":true}", true)]
    [InlineData("{\"online\":false,\"since\":1}", false)]
    public void Validate_State_ReadsOnline(string json, bool online)
    {
        ValidatedMessage result = MessageValidator.Validate("hpms/v1/st-mary/gw-01/fridge-07/state", Encoding.UTF8.GetBytes(json));

        Assert.Equal(online, result.State!.Online);
    }

    [Theory]
    [InlineData("{\"online\":1}")]
    [InlineData("[]")]
    [InlineData("{")]
    public void Validate_BadState_IsBadPayload(string json) =>
        Assert.Equal(DeadLetterReasons.BadPayload, MessageValidator.Validate("hpms/v1/s/g/d/state", Encoding.UTF8.GetBytes(json)).Reason);

    [Fact]
    public void Validate_RandomBytes_NeverThrows()
    {
        var random = new Random(5);
        foreach (string topic in new[] { TelemetryTopic, EventTopic, "hpms/v1/s/g/d/state" })
        {
            for (int i = 0; i < 300; i++)
            {
                byte[] payload = new byte[random.Next(0, 200)];
                random.NextBytes(payload);

                Assert.False(MessageValidator.Validate(topic, payload).IsAccepted);
            }
        }
    }

    private static DeviceEvent Event(DeviceTags device) =>
        new("evt-1", "temperature-high:fridge.temp:temperature", device, EventState.Active, EventSeverity.Critical, 1_700_000_000_000, null,
            new Dictionary<string, double> { ["temperature"] = 9.2 }, "too warm");
}
