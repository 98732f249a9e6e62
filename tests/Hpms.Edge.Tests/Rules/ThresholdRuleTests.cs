using Hpms.Edge.Rules;
using Hpms.Protocols.Telemetry;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class ThresholdRuleTests
{
    private static RuleEngine Engine(ThresholdRuleOptions rule) => new(Only(o => o.Thresholds.Add(rule)));

    [Fact]
    public void Process_BreachShorterThanOnDelay_RaisesNothing()
    {
        RuleEngine engine = Engine(FridgeHigh());

        // 8.5 °C for minutes 0..14: 14 minutes, one short of the 15-minute delay; then back to 7 °C.
        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, [.. Enumerable.Repeat(8.5, 15), 7.0]));

        Assert.Empty(events);
    }

    [Fact]
    public void Process_BreachHeldExactlyOnDelay_RaisesActiveStartingAtFirstBreach()
    {
        RuleEngine engine = Engine(FridgeHigh());

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, [5.0, .. Enumerable.Repeat(8.5, 15), 8.7]));

        RuleEvent started = Assert.Single(events);
        Assert.Equal(EventState.Active, started.State);
        Assert.Equal(RuleEventKind.Threshold, started.Kind);
        Assert.Equal(EventSeverity.Critical, started.Severity);
        Assert.Equal(At(1), started.StartUnixMs);
        Assert.Equal(At(16), started.AtUnixMs);
        Assert.Equal(8.7, started.Value);
        Assert.Equal(8, started.Limit);
        Assert.Null(started.ClearUnixMs);
        Assert.Equal("temperature 8.7 °C above limit 8 °C for 15 min", started.Message);
    }

    [Fact]
    public void Process_ValueAtLimitWithAbove_IsNotABreach()
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 0));

        Assert.Empty(engine.ProcessAll(Temps(0, 8.0, 8.0)));
        Assert.Single(engine.Process(Temp(8.01, 2)));
    }

    [Fact]
    public void Process_ChatterAroundLimitBeforeDelay_RestartsDelayAndNeverRaises()
    {
        RuleEngine engine = Engine(FridgeHigh());

        // 8.1 / 7.9 alternating for an hour: never 15 minutes above in a row.
        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Enumerable.Range(0, 60).Select(m => Temp(m % 2 == 0 ? 8.1 : 7.9, m)));

        Assert.Empty(events);
    }

    [Fact]
    public void Process_ChatterInsideHysteresisBandWhileActive_NeitherClearsNorRetriggers()
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 0));

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, 9, 7.9, 8.2, 7.6, 8.3, 7.51, 8.4));

        RuleEvent only = Assert.Single(events);
        Assert.Equal(EventState.Active, only.State);
    }

    [Fact]
    public void Process_ValueBackPastLimitMinusHysteresis_ClearsWithSameIdAndPeak()
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 0));

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, 9, 9.6, 8.1, 7.6, 7.5, 7.0));

        Assert.Equal(2, events.Count);
        RuleEvent cleared = events[1];
        Assert.Equal(EventState.Cleared, cleared.State);
        Assert.Equal(events[0].Id, cleared.Id);
        Assert.Equal(At(0), cleared.StartUnixMs);
        Assert.Equal(At(4), cleared.ClearUnixMs);
        Assert.Equal(7.5, cleared.Value);
        Assert.Equal(9.6, cleared.Peak);
    }

    [Fact]
    public void Process_OffDelay_ClearsOnlyAfterValueStaysBackForTheDelay()
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 0, offDelayMinutes: 5));

        // Back at minute 1, up inside the band at 3 (restarts the off-delay), back from 4, clears at 4 + 5 = 9.
        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, 9, 7, 7, 9, 7, 7, 7, 7, 7, 7, 7));

        Assert.Equal(2, events.Count);
        Assert.Equal(EventState.Cleared, events[1].State);
        Assert.Equal(At(4), events[1].ClearUnixMs);
        Assert.Equal(At(9), events[1].AtUnixMs);
    }

    [Fact]
    public void Process_SecondBreachAfterClear_RaisesANewEventWithANewId()
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 0, hysteresis: 0));

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, 9, 7, 9));

        Assert.Equal(3, events.Count);
        Assert.NotEqual(events[0].Id, events[2].Id);
        Assert.Equal(EventState.Active, events[2].State);
    }

    [Theory]
    [InlineData(Quality.Bad)]
    [InlineData(Quality.Stale)]
    public void Process_NotGoodReadings_NeitherTriggerNorClear(Quality quality)
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 0));

        Assert.Empty(engine.Process(Temp(12, 0, quality)));
        Assert.Single(engine.Process(Temp(9, 1)));
        Assert.Empty(engine.Process(Temp(3, 2, quality)));
        Assert.Equal(2, engine.Counters.IgnoredNotGood);

        // Still active: a good reading inside the band does nothing, a good clear reading clears.
        Assert.Empty(engine.Process(Temp(7.8, 3)));
        Assert.Equal(EventState.Cleared, Assert.Single(engine.Process(Temp(7, 4))).State);
    }

    [Fact]
    public void Process_StaleReadingDuringOnDelay_DoesNotRestartTheDelay()
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 10));

        // A stale 5 °C (the last good value repeated by a dead poller) must not reset the pending breach.
        engine.Process(Temp(9, 0));
        engine.Process(Temp(5, 5, Quality.Stale));
        Assert.Single(engine.Process(Temp(9, 10)));
    }

    [Fact]
    public void Process_NaN_IsIgnoredAndCounted()
    {
        RuleEngine engine = Engine(FridgeHigh(onDelayMinutes: 0));

        Assert.Empty(engine.Process(Temp(double.NaN, 0)));

        Assert.Equal(1, engine.Counters.IgnoredNotFinite);
    }

    [Fact]
    public void Process_LowLimit_UsesPlusHysteresisToClear()
    {
        var low = new ThresholdRuleOptions
        {
            Id = "fridge.low", DeviceClass = "cold-chain-fridge", Channel = "temperature", Direction = ThresholdDirection.Below, Limit = 2, Hysteresis = 0.5,
        };
        RuleEngine engine = Engine(low);

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, 1.5, 2.4, 0.8, 2.5));

        Assert.Equal([EventState.Active, EventState.Cleared], events.Select(e => e.State));
        Assert.Equal(0.8, events[1].Peak);
    }

    [Fact]
    public void Process_LimitFromChannel_WaitsForTheLimitThenUsesIt()
    {
        var filter = new ThresholdRuleOptions
        {
            Id = "ahu.filter", DeviceClass = "air-handling-unit", Channel = "filter.differential-pressure",
            Direction = ThresholdDirection.AtOrAbove, LimitChannel = "filter.final-resistance",
        };
        RuleEngine engine = Engine(filter);

        Assert.Empty(engine.Process(P(Ahu, "filter.differential-pressure", 500, 0, unit: "Pa")));
        Assert.Empty(engine.Process(P(Ahu, "filter.final-resistance", 450, 0, unit: "Pa")));
        RuleEvent started = Assert.Single(engine.Process(P(Ahu, "filter.differential-pressure", 450, 1, unit: "Pa")));

        Assert.Equal(450, started.Limit);
    }

    [Fact]
    public void Process_DefaultFridgeRules_RaiseHighAfterFifteenMinutes()
    {
        var engine = new RuleEngine(new RulesOptions());

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Temps(0, [.. Enumerable.Repeat(8.6, 16)]));

        RuleEvent started = Assert.Single(events, e => e.Kind == RuleEventKind.Threshold);
        Assert.Equal("fridge.temperature.high", started.RuleId);
        Assert.Equal(At(15), started.AtUnixMs);
    }
}
