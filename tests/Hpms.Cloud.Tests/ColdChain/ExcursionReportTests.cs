using Hpms.Cloud.Domain.ColdChain;

namespace Hpms.Cloud.Tests.ColdChain;

public sealed class ExcursionReportTests
{
    [Fact]
    public void FromValues_EdgeReport_ReadsEveryPart()
    {
        var values = new Dictionary<string, double>
        {
            ["excursion_start"] = 1000, ["excursion_end"] = 5000, ["excursion_peak_c"] = 11.5, ["time_out_of_range_s"] = 4, ["mkt_c"] = 9.1,
        };

        Assert.Equal(new ExcursionReport(1000, 5000, 11.5, 4, 9.1), ExcursionReport.FromValues(values, 1));
    }

    [Fact]
    public void FromValues_ThresholdEvent_StartAndPeakOnly() =>
        Assert.Equal(new ExcursionReport(42, null, 9.25, null, null), ExcursionReport.FromValues(new Dictionary<string, double> { ["value"] = 8.6, ["peak"] = 9.25 }, 42));

    [Fact]
    public void FromValues_NothingKnown_IsNull() => Assert.Null(ExcursionReport.FromValues(new Dictionary<string, double>(), 42));

    [Fact]
    public void Json_UsesSnakeCaseNames() =>
        Assert.Equal("{\"start_ms\":1,\"end_ms\":2,\"peak_c\":3,\"time_out_of_range_s\":4,\"mkt_c\":5}", System.Text.Json.JsonSerializer.Serialize(new ExcursionReport(1, 2, 3, 4, 5)));
}
