using Hpms.Edge.Rules;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class ColdChainRuleTests
{
    private static RuleEngine Engine(TimeSpan? minReported = null) => new(Only(o => o.ColdChain.Add(new ColdChainRuleOptions
    {
        Id = "cold", DeviceClass = "cold-chain-fridge", LowC = 2, HighC = 8, MinReportedExcursion = minReported ?? TimeSpan.Zero,
    })));

    // By hand: 5 °C → 278.15 K, 10000/278.15 = 35.95182, e^−35.95182 = 2.43400e−16; 25 °C → 298.15 K,
    // 10000/298.15 = 33.54016, e^−33.54016 = 2.71451e−15. Equal times: mean 1.47896e−15, −ln = 34.14753,
    // 10000/34.14753 = 292.8477 K = 19.698 °C. Three parts at 5 °C to one at 25 °C: 15.132 °C.
    [Theory]
    [InlineData(new double[] { 5, 25 }, 19.6977)]
    [InlineData(new double[] { 5, 5, 5, 25 }, 15.1322)]
    [InlineData(new double[] { 4, 4, 4 }, 4.0)]
    public void MeanKineticTemperature_EquallySpaced_MatchesHandComputedValue(double[] temperatures, double expectedC) =>
        Assert.Equal(expectedC, MeanKineticTemperature.FromEquallySpaced(temperatures)!.Value, 3);

    [Fact]
    public void MeanKineticTemperature_NoReadings_IsNull() => Assert.Null(MeanKineticTemperature.FromEquallySpaced([]));

    [Fact]
    public void Statistics_SampleAndHold_WeightsByTimeBetweenReadings()
    {
        RuleEngine engine = Engine();

        // 30 minutes at 5 °C then 10 minutes at 25 °C (the last reading's own interval is not known yet).
        engine.ProcessAll([Temp(5, 0), Temp(5, 10), Temp(5, 20), Temp(25, 30), Temp(5, 40)]);

        ColdChainStatistics stats = Assert.Single(engine.GetColdChainStatistics());
        Assert.Equal(15.1322, stats.MeanKineticTemperatureC!.Value, 3);
        Assert.Equal(5, stats.SampleCount);
        Assert.Equal(5, stats.MinC);
        Assert.Equal(25, stats.MaxC);
        Assert.Equal(TimeSpan.FromMinutes(10), stats.TimeOutOfRange);
        Assert.Equal(TimeSpan.FromMinutes(40), stats.CoveredTime);
        Assert.Equal(("cold", "st-marys", "fridge-1", "temperature"), (stats.RuleId, stats.Site, stats.DeviceId, stats.Channel));
    }

    [Fact]
    public void Statistics_GapLongerThanMaxSampleGap_CountsNowhere()
    {
        RuleEngine engine = Engine();

        engine.ProcessAll([Temp(12, 0), Temp(5, 60), Temp(5, 61)]);

        ColdChainStatistics stats = Assert.Single(engine.GetColdChainStatistics());
        Assert.Equal(TimeSpan.Zero, stats.TimeOutOfRange);
        Assert.Equal(TimeSpan.FromMinutes(1), stats.CoveredTime);
        Assert.Equal(5, stats.MeanKineticTemperatureC!.Value, 6);
    }

    [Fact]
    public void Excursion_BackInRange_ReportsStartEndPeakTimeAndMkt()
    {
        RuleEngine engine = Engine();

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, 5, 5, 9, 10, 9.5, 7, 5));

        RuleEvent report = Assert.Single(events);
        Assert.Equal(RuleEventKind.ColdChainExcursion, report.Kind);
        Assert.Equal(EventState.Cleared, report.State);
        Assert.Equal(At(2), report.StartUnixMs);
        Assert.Equal(At(5), report.ClearUnixMs);
        Assert.Equal(10, report.Peak);
        Assert.Equal(8, report.Limit);
        ExcursionReport excursion = Assert.IsType<ExcursionReport>(report.Excursion);
        Assert.Equal(new ExcursionReport(At(2), At(5), 10, TimeSpan.FromMinutes(3), excursion.MeanKineticTemperatureC), excursion);

        // Three equal minutes at 9, 10 and 9.5 °C.
        Assert.Equal(MeanKineticTemperature.FromEquallySpaced([9, 10, 9.5])!.Value, excursion.MeanKineticTemperatureC!.Value, 9);
        Assert.Equal(9.5098, excursion.MeanKineticTemperatureC.Value, 3);
        Assert.Equal("temperature out of 2–8 for 3 min, peak 10 °C, MKT 9.51 °C", report.Message);
    }

    [Fact]
    public void Excursion_BelowRange_PeakIsTheLowest()
    {
        RuleEngine engine = Engine();

        RuleEvent report = Assert.Single(engine.ProcessAll(Temps(0, 3, 1.5, 0.2, 1, 2.5)));

        Assert.Equal(0.2, report.Peak);
        Assert.Equal(2, report.Limit);
    }

    [Fact]
    public void Excursion_ShorterThanMinimum_IsCountedButNotReported()
    {
        RuleEngine engine = Engine(TimeSpan.FromMinutes(5));

        Assert.Empty(engine.ProcessAll(Temps(0, 5, 9, 9, 5)));
        Assert.Equal(TimeSpan.FromMinutes(2), Assert.Single(engine.GetColdChainStatistics()).TimeOutOfRange);
    }

    [Fact]
    public void Statistics_PerFridge_AreKeptApart()
    {
        RuleEngine engine = Engine();

        engine.ProcessAll([Temp(4, 0), P(Fridge2, "temperature", 6, 0, unit: "°C"), Temp(5, 1)]);

        Assert.Equal(2, engine.GetColdChainStatistics().Count);
    }
}
