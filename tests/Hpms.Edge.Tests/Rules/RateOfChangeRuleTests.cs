using Hpms.Edge.Rules;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class RateOfChangeRuleTests
{
    private static RuleEngine Engine(RateDirection direction = RateDirection.Falling) => new(Only(o => o.RatesOfChange.Add(new RateOfChangeRuleOptions
    {
        Id = "o2.falling", DeviceClass = "medical-gas-panel", Channel = "o2.pressure", Direction = direction,
        MaxRatePerMinute = 20, Window = TimeSpan.FromMinutes(4),
    })));

    private static IEnumerable<Protocols.Telemetry.TelemetryPoint> Pressures(double from, double step, params double[] values) =>
        values.Select((v, i) => P(GasPanel, "o2.pressure", v, from + (i * step), unit: "kPa"));

    [Fact]
    public void Process_SteadyDriftWithinLimit_RaisesNothing()
    {
        RuleEngine engine = Engine();

        // −10 kPa/min for ten minutes.
        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Pressures(0, 1, [.. Enumerable.Range(0, 11).Select(m => 360.0 - (10 * m))]));

        Assert.Empty(events);
    }

    [Fact]
    public void Process_FastFall_RaisesOnceHalfAWindowIsCoveredThenClearsWhenSteady()
    {
        RuleEngine engine = Engine();

        // −30 kPa/min every 30 s from minute 0 to 3, then flat. The rate needs ≥ 2 min (half the window) of data.
        double[] falling = [.. Enumerable.Range(0, 7).Select(i => 360.0 - (15 * i))];
        double[] flat = [.. Enumerable.Repeat(270.0, 10)];
        IReadOnlyList<RuleEvent> events = engine.ProcessAll(Pressures(0, 0.5, [.. falling, .. flat]));

        Assert.Equal([EventState.Active, EventState.Cleared], events.Select(e => e.State));
        RuleEvent started = events[0];
        Assert.Equal(At(2), started.StartUnixMs);
        Assert.Equal(-30, started.Value, 6);
        Assert.Equal("kPa/min", started.Unit);
        Assert.Equal(started.Id, events[1].Id);
        Assert.True(events[1].Value >= -20);
    }

    [Fact]
    public void Process_RiseWhenWatchingFalls_RaisesNothing()
    {
        RuleEngine engine = Engine(RateDirection.Falling);

        Assert.Empty(engine.ProcessAll(Pressures(0, 0.5, [.. Enumerable.Range(0, 9).Select(i => 300.0 + (15 * i))])));
    }

    [Fact]
    public void Process_ManyReadingsPerWindow_KeepsStateBounded()
    {
        RuleEngine engine = Engine();

        engine.ProcessAll(Pressures(0, 1.0 / 60, [.. Enumerable.Repeat(360.0, 600)]));

        string snapshot = engine.CreateSnapshot();
        Assert.True(snapshot.Length < 2_000, $"snapshot of one rate series is {snapshot.Length} chars");
    }
}
