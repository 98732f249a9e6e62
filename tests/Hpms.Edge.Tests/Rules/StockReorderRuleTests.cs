using Hpms.Edge.Rules;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class StockReorderRuleTests
{
    private static RuleEngine Engine() => new(Only(o => o.StockReorder.Add(new StockReorderRuleOptions { Id = "stock", DeviceClass = "smart-supply-cabinet" })));

    [Fact]
    public void Process_CountFallsToReorderPoint_RaisesForThatBinOnly()
    {
        RuleEngine engine = Engine();
        engine.ProcessAll([P(Cabinet, "bin01.reorder-point", 10, 0), P(Cabinet, "bin02.reorder-point", 5, 0)]);

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(
        [
            P(Cabinet, "bin01.count", 12, 0), P(Cabinet, "bin02.count", 20, 0),
            P(Cabinet, "bin01.count", 11, 1), P(Cabinet, "bin02.count", 19, 1),
            P(Cabinet, "bin01.count", 10, 2), P(Cabinet, "bin02.count", 18, 2),
            P(Cabinet, "bin01.count", 8, 3),
        ]);

        RuleEvent started = Assert.Single(events);
        Assert.Equal("bin01", started.Series);
        Assert.Equal(RuleEventKind.StockBelowReorderPoint, started.Kind);
        Assert.Equal(10, started.Value);
        Assert.Equal(10, started.Limit);
        Assert.Equal(At(2), started.StartUnixMs);
    }

    [Fact]
    public void Process_UnusedBinReadingZeroEverywhere_NeverRaises()
    {
        RuleEngine engine = Engine();

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(
        [
            P(Cabinet, "bin24.reorder-point", 0, 0), P(Cabinet, "bin24.count", 0, 0), P(Cabinet, "bin24.count", 0, 1),
            P(Cabinet, "bin01.reorder-point", 1, 0), P(Cabinet, "bin01.count", 0, 1),
        ]);

        Assert.Equal("bin01", Assert.Single(events).Series); // a managed bin with reorder point 1 still fires when empty
    }

    [Fact]
    public void Process_Restocked_ClearsWithLowestCount()
    {
        RuleEngine engine = Engine();

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(
        [
            P(Cabinet, "bin03.reorder-point", 10, 0), P(Cabinet, "bin03.count", 9, 0), P(Cabinet, "bin03.count", 4, 1),
            P(Cabinet, "bin03.count", 60, 2), P(Cabinet, "bin03.count", 59, 3),
        ]);

        Assert.Equal([EventState.Active, EventState.Cleared], events.Select(e => e.State));
        Assert.Equal(events[0].Id, events[1].Id);
        Assert.Equal(4, events[1].Peak);
        Assert.Equal(60, events[1].Value);
    }

    [Fact]
    public void Process_ReorderPointRaisedAboveCount_Raises()
    {
        RuleEngine engine = Engine();
        engine.ProcessAll([P(Cabinet, "bin04.reorder-point", 5, 0), P(Cabinet, "bin04.count", 8, 0)]);

        RuleEvent started = Assert.Single(engine.Process(P(Cabinet, "bin04.reorder-point", 8, 1)));

        Assert.Equal("bin04", started.Series);
    }

    [Fact]
    public void Process_OtherBinChannels_AreNotMatched()
    {
        RuleEngine engine = Engine();

        Assert.Empty(engine.ProcessAll([P(Cabinet, "bin05.par", 0, 0), P(Cabinet, "bin05.item-code", 0, 0), P(Cabinet, "door.open-seconds", 0, 0)]));
        Assert.Equal(0, engine.SeriesCount);
    }
}
