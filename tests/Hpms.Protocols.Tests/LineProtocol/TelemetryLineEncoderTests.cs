using System.Buffers;
using System.Text;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.Tests.LineProtocol;

/// <summary>The product's InfluxDB schema: one line per device and timestamp, a field per channel.</summary>
public sealed class TelemetryLineEncoderTests
{
    internal static readonly DeviceTags Fridge = new("st-mary", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-07");
    internal static readonly DeviceTags Ahu = new("st-mary", "north", string.Empty, "gw-01", "air-handling-unit", "ahu 2");

    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly TelemetryLineEncoder _encoder = new();

    private string Text => Encoding.UTF8.GetString(_output.WrittenSpan);

    [Fact]
    public void Encode_OneDevicePoll_OneLineSortedTagsFieldPerChannel()
    {
        TelemetryPoint[] points =
        [
            new(Fridge, "temperature", 4.5, "°C", Quality.Good, 1_700_000_000_000),
            new(Fridge, "door_open", 0, string.Empty, Quality.Good, 1_700_000_000_000),
        ];

        TelemetryEncodeResult result = _encoder.Encode(points, _output);

        Assert.Equal(
            "cold-chain-fridge,building=north,device=fridge-07,gateway=gw-01,site=st-mary,zone=pharmacy temperature=4.5,door_open=0 1700000000000\n",
            Text);
        Assert.Equal(new TelemetryEncodeResult(1, 2, 0, 0, 0, 0), result);
    }

    [Fact]
    public void Encode_BadStaleAndNaN_ValuesOmittedQualityFieldsWritten()
    {
        TelemetryPoint[] points =
        [
            new(Fridge, "temperature", 4.5, "°C", Quality.Stale, 1_700_000_000_000),
            new(Fridge, "humidity", 0, "%", Quality.Bad, 1_700_000_000_000),
            new(Fridge, "setpoint", double.NaN, "°C", Quality.Good, 1_700_000_000_000),
            new(Fridge, "door_open", 1, string.Empty, Quality.Good, 1_700_000_000_000),
        ];

        TelemetryEncodeResult result = _encoder.Encode(points, _output);

        Assert.EndsWith(" temperature_quality=2i,humidity_quality=1i,setpoint_quality=1i,door_open=1 1700000000000\n", Text, StringComparison.Ordinal);
        Assert.Equal(new TelemetryEncodeResult(1, 1, 3, 1, 0, 0), result);
    }

    [Fact]
    public void Encode_DifferentDevicesAndTimestamps_SeparateLinesEmptyZoneOmitted()
    {
        TelemetryPoint[] points =
        [
            new(Fridge, "temperature", 4.5, "°C", Quality.Good, 1_000),
            new(Fridge, "temperature", 4.6, "°C", Quality.Good, 2_000),
            new(Ahu, "supply_temp", 18.25, "°C", Quality.Good, 2_000),
        ];

        TelemetryEncodeResult result = _encoder.Encode(points, _output);

        string[] lines = Text.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("air-handling-unit,building=north,device=ahu\\ 2,gateway=gw-01,site=st-mary supply_temp=18.25 2000", lines[2]);
        Assert.Equal(3, result.Lines);
    }

    [Fact]
    public void Encode_RepeatedChannelSameTimestamp_StartsANewLine()
    {
        TelemetryPoint[] points =
        [
            new(Fridge, "temperature", 4.5, "°C", Quality.Good, 1_000),
            new(Fridge, "temperature", 4.7, "°C", Quality.Good, 1_000),
        ];

        Assert.Equal(2, _encoder.Encode(points, _output).Lines);
        Assert.DoesNotContain("temperature=4.5,temperature", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_InvalidChannelNames_SkippedAndCounted()
    {
        TelemetryPoint[] points =
        [
            new(Fridge, "_hidden", 1, string.Empty, Quality.Good, 1_000),
            new(Fridge, "x_quality", 1, string.Empty, Quality.Good, 1_000),
            new(Fridge, "time", 1, string.Empty, Quality.Good, 1_000),
            new(Fridge, "ok", 1, string.Empty, Quality.Good, 1_000),
        ];

        TelemetryEncodeResult result = _encoder.Encode(points, _output);

        Assert.EndsWith(" ok=1 1000\n", Text, StringComparison.Ordinal);
        Assert.Equal(new TelemetryEncodeResult(1, 1, 0, 0, 3, 0), result);
    }

    [Fact]
    public void Encode_BadDeviceTag_LineRejectedOthersWritten()
    {
        DeviceTags broken = Fridge with { DeviceId = "fridge\\08" };
        TelemetryPoint[] points =
        [
            new(broken, "temperature", 4.5, "°C", Quality.Good, 1_000),
            new(broken, "humidity", 40, "%", Quality.Good, 1_000),
            new(Fridge, "temperature", 4.5, "°C", Quality.Good, 1_000),
        ];

        TelemetryEncodeResult result = _encoder.Encode(points, _output);

        Assert.Equal(new TelemetryEncodeResult(1, 1, 0, 0, 0, 2), result);
        Assert.StartsWith("cold-chain-fridge,building=north,device=fridge-07,", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Output_ParsesBackToTheSamePoints()
    {
        TelemetryPoint[] points =
        [
            new(Ahu, "supply_temp", 18.25, "°C", Quality.Good, 1_700_000_000_000),
            new(Ahu, "fan_speed", 1234.5678901234567, "rpm", Quality.Good, 1_700_000_000_000),
            new(Ahu, "filter_dp", 1e-7, "Pa", Quality.Bad, 1_700_000_000_000),
        ];

        _encoder.Encode(points, _output);
        LineProtocolParseResult parsed = LineProtocolParser.Parse(_output.WrittenSpan);

        Assert.Empty(parsed.Errors);
        LineProtocolPoint point = Assert.Single(parsed.Points);
        Assert.Equal("air-handling-unit", point.Measurement);
        Assert.Equal("ahu 2", point.Tag("device"));
        Assert.Null(point.Tag("zone"));
        Assert.Equal(["building", "device", "gateway", "site"], point.Tags.Select(t => t.Key));
        Assert.Equal(1234.5678901234567, point.Field("fan_speed")!.Value.Float);
        Assert.Equal(1, point.Field("filter_dp_quality")!.Value.Integer);
        Assert.Null(point.Field("filter_dp"));
        Assert.Equal(1_700_000_000_000, point.Timestamp);
    }

    [Fact]
    public void Encode_SteadyState_AllocatesNothing()
    {
        TelemetryPoint[] points = Enumerable.Range(0, 40)
            .Select(i => new TelemetryPoint(i < 20 ? Fridge : Ahu, "ch" + (i % 20), i * 1.25, "u", (Quality)(i % 3), 1_700_000_000_000))
            .ToArray();
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        for (int i = 0; i < 200; i++)
        {
            // Past tiered compilation's call counting, so the measurement sees only the encoder.
            _encoder.Encode(points, output);
            output.ResetWrittenCount();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int lines = 0;
        for (int i = 0; i < 1000; i++)
        {
            lines += _encoder.Encode(points, output).Lines;
            output.ResetWrittenCount();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2000, lines);
        AllocationBudget.AssertNonePerIteration(allocated, 1000);
    }
}
