using Hpms.Edge.Rules;
using Hpms.Protocols.Telemetry;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class RuleEngineSnapshotTests
{
    // Default rules: a fridge goes to 9 °C for half an hour, its door stays open, a bin runs low, a switch-over.
    private static List<TelemetryPoint> Day()
    {
        var points = new List<TelemetryPoint>();
        for (int m = 0; m < 90; m++)
        {
            points.Add(Temp(m is >= 10 and < 40 ? 9 : 5, m));
            points.Add(P(Fridge, "door.open", m is >= 50 and < 60 ? 1 : 0, m));
            points.Add(P(Cabinet, "bin07.reorder-point", 10, m));
            points.Add(P(Cabinet, "bin07.count", m < 70 ? 20 - (m / 5) : 40, m));
            points.Add(P(GasPanel, "o2.switchover-count", m < 30 ? 3 : 4, m));
        }

        return points;
    }

    [Fact]
    public void Process_SameReadingsTwice_GiveTheSameEventsAndIds()
    {
        IReadOnlyList<RuleEvent> first = new RuleEngine(new RulesOptions()).ProcessAll(Day());
        IReadOnlyList<RuleEvent> second = new RuleEngine(new RulesOptions()).ProcessAll(Day());

        Assert.Equal(first, second);
        Assert.Equal(
            ["fridge.temperature.high", "gas.o2.switchover", "fridge.temperature.high", "fridge.cold-chain", "cabinet.stock-reorder", "fridge.door-open", "fridge.door-open", "cabinet.stock-reorder"],
            first.Select(e => e.RuleId));
    }

    [Fact]
    public void RestoreSnapshot_ActiveAlarm_ClearsUnderTheSameIdWithoutASecondStart()
    {
        List<TelemetryPoint> day = Day();
        IReadOnlyList<RuleEvent> uninterrupted = new RuleEngine(new RulesOptions()).ProcessAll(day);

        // Run until minute 30 (fridge alarm active since minute 10), "restart", continue with a new engine.
        var before = new RuleEngine(new RulesOptions());
        List<RuleEvent> events = [.. before.ProcessAll(day.Where(p => p.TimestampUnixMs < At(30)))];
        string snapshot = before.CreateSnapshot();
        var after = new RuleEngine(new RulesOptions());
        Assert.Equal(RuleSnapshotStatus.Restored, after.RestoreSnapshot(snapshot));
        events.AddRange(after.ProcessAll(day.Where(p => p.TimestampUnixMs >= At(30))));

        Assert.Equal(uninterrupted, events);
        Assert.Single(events, e => e.RuleId == "fridge.temperature.high" && e.State == EventState.Active);
    }

    [Fact]
    public void RestoreSnapshot_ThenReplayFromTheStart_EmitsOnlyWhatIsNew()
    {
        List<TelemetryPoint> day = Day();
        IReadOnlyList<RuleEvent> uninterrupted = new RuleEngine(new RulesOptions()).ProcessAll(day);
        var before = new RuleEngine(new RulesOptions());
        IReadOnlyList<RuleEvent> early = before.ProcessAll(day.Where(p => p.TimestampUnixMs < At(45)));
        var after = new RuleEngine(new RulesOptions());
        after.RestoreSnapshot(before.CreateSnapshot());

        // A buffer replays every reading since midnight: those already seen are skipped.
        IReadOnlyList<RuleEvent> late = after.ProcessAll(day);

        Assert.Equal(uninterrupted, [.. early, .. late]);
        Assert.True(after.Counters.IgnoredOutOfOrder > 0);
    }

    [Fact]
    public void Snapshot_RoundTrips_ToTheSameJson()
    {
        var engine = new RuleEngine(new RulesOptions());
        engine.ProcessAll(Day());
        string snapshot = engine.CreateSnapshot();
        var restored = new RuleEngine(new RulesOptions());

        restored.RestoreSnapshot(snapshot);

        Assert.Equal(snapshot, restored.CreateSnapshot());
        Assert.Equal(engine.GetColdChainStatistics(), restored.GetColdChainStatistics());
    }

    [Theory]
    [InlineData("", RuleSnapshotStatus.Malformed)]
    [InlineData("{\"version\":1,\"series\":{\"a\":", RuleSnapshotStatus.Malformed)]
    [InlineData("[1,2,3]", RuleSnapshotStatus.Malformed)]
    [InlineData("{\"version\":1,\"series\":{\"x\":{\"kind\":\"no-such-kind\"}}}", RuleSnapshotStatus.Malformed)]
    [InlineData("{\"version\":1,\"series\":{\"only-one-part\":{\"kind\":\"door\"}}}", RuleSnapshotStatus.Malformed)]
    [InlineData("{\"version\":1,\"series\":{\"x\":null}}", RuleSnapshotStatus.Malformed)]
    [InlineData("{\"version\":2,\"series\":{}}", RuleSnapshotStatus.UnsupportedVersion)]
    public void RestoreSnapshot_Unusable_IsRefusedAndStateKept(string json, RuleSnapshotStatus expected)
    {
        var engine = new RuleEngine(new RulesOptions());
        engine.Process(Temp(5, 0));

        Assert.Equal(expected, engine.RestoreSnapshot(json));
        Assert.Equal(1, engine.Counters.SnapshotsRejected);
        Assert.Equal(1, Assert.Single(engine.GetColdChainStatistics()).SampleCount);
    }

    [Fact]
    public void EventIds_DependOnEveryPart_AndAreLowercaseHex()
    {
        string id = EventIds.Create("fridge.temperature.high", "st-marys", "fridge-1", "temperature", At(10));

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, EventIds.Create("fridge.temperature.high", "st-marys", "fridge-1", "temperature", At(10)));
        Assert.NotEqual(id, EventIds.Create("fridge.temperature.high", "st-marys", "fridge-2", "temperature", At(10)));
        Assert.NotEqual(id, EventIds.Create("fridge.temperature.high", "st-marys", "fridge-1", "temperature", At(10) + 1));
        Assert.NotEqual(EventIds.Create("a", "bc", "d", "e", 0), EventIds.Create("ab", "c", "d", "e", 0));
    }
}
