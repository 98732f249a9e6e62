using System.Text;
using Hpms.Cloud.Ingest;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.Cloud.Tests.Ingest;

public sealed class EmbeddedTimeSeriesSinkTests : IDisposable
{
    private static readonly DeviceTags s_fridge = new("city-general", "B", "pharmacy", "gw-b", "cold-chain-fridge", "fridge-b-01");
    private readonly string _state = Directory.CreateTempSubdirectory("hpms-embedded-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public void Append_Batch_WritesLineProtocolToTheDayFile()
    {
        using EmbeddedTimeSeriesSink sink = Create(1024 * 1024);

        Assert.True(sink.Append(Batch(4.5, 1_795_000_000_000)));

        string text = File.ReadAllText(Path.Combine(sink.Directory, "2026-11-23.lp"), Encoding.UTF8);
        Assert.Equal(
            "cold-chain-fridge,building=B,device=fridge-b-01,gateway=gw-b,site=city-general,zone=pharmacy temperature=4.5 1795000000000\n",
            text);
        Assert.Equal(1, sink.PointsWritten);
        Assert.Equal(text.Length, sink.Bytes);
    }

    [Fact]
    public void Append_OverTheBound_DeletesTheOldestDayButNotToday()
    {
        using EmbeddedTimeSeriesSink sink = Create(1024 * 1024);
        string yesterday = Path.Combine(sink.Directory, "2026-11-22.lp");
        File.WriteAllBytes(Path.Combine(sink.Directory, "2026-11-21.lp"), new byte[600 * 1024]);
        File.WriteAllBytes(yesterday, new byte[600 * 1024]);

        Assert.True(sink.Append(Batch(4.5, 1_795_000_000_000)));

        Assert.False(File.Exists(Path.Combine(sink.Directory, "2026-11-21.lp")));
        Assert.True(File.Exists(yesterday));
        Assert.True(File.Exists(Path.Combine(sink.Directory, "2026-11-23.lp")));
        Assert.Equal(1, sink.FilesDeleted);
    }

    [Fact]
    public void Append_NextDay_StartsANewFile()
    {
        using EmbeddedTimeSeriesSink sink = Create(1024 * 1024);
        Assert.True(sink.Append(Batch(4.5, 1_795_000_000_000)));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(sink.Append(Batch(5.0, 1_795_086_400_000)));

        Assert.Single(File.ReadAllLines(Path.Combine(sink.Directory, "2026-11-23.lp")));
        Assert.Contains("temperature=5 ", File.ReadAllText(Path.Combine(sink.Directory, "2026-11-24.lp")), StringComparison.Ordinal);
        Assert.Equal(2, sink.PointsWritten);
    }

    [Fact]
    public void Append_NonFiniteValue_WritesAQualityFlagNotAValue()
    {
        using EmbeddedTimeSeriesSink sink = Create(1024 * 1024);

        Assert.True(sink.Append(Batch(double.NaN, 1_795_000_000_000)));

        Assert.Contains("temperature_quality=1i", File.ReadAllText(Path.Combine(sink.Directory, "2026-11-23.lp")), StringComparison.Ordinal);
    }

    private EmbeddedTimeSeriesSink Create(long maxBytes) =>
        new(Options.Create(new IngestOptions { StateDirectory = _state, EmbeddedMaxBytes = maxBytes }), _time, NullLogger<EmbeddedTimeSeriesSink>.Instance);

    private static TelemetryBatch Batch(double value, long timestamp) =>
        new(s_fridge, 1, [new TelemetryPoint(s_fridge, "temperature", value, "°C", Quality.Good, timestamp)]);
}
