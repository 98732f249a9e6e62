using Hpms.Edge.Rules;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class SwitchOverRuleTests
{
    [Fact]
    public void Process_CounterIncrements_RaiseOneMomentaryEventPerIncrease()
    {
        var engine = new RuleEngine(new RulesOptions());

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(
        [
            P(GasPanel, "o2.switchover-count", 7, 0), P(GasPanel, "o2.switchover-count", 7, 1), P(GasPanel, "o2.switchover-count", 8, 2),
            P(GasPanel, "o2.switchover-count", 8, 3), P(GasPanel, "o2.switchover-count", 8, 4), P(GasPanel, "o2.switchover-count", 10, 5),
        ]);

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(EventState.Momentary, e.State));
        Assert.All(events, e => Assert.Equal("gas.o2.switchover", e.RuleId));
        Assert.Equal([At(2), At(5)], events.Select(e => e.StartUnixMs));
        Assert.Equal(7, events[0].Limit);
        Assert.NotEqual(events[0].Id, events[1].Id);
    }

    [Fact]
    public void Process_CounterReset_IsANewBaselineNotAnEvent()
    {
        var engine = new RuleEngine(new RulesOptions());

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(
            [P(GasPanel, "n2o.switchover-count", 5, 0), P(GasPanel, "n2o.switchover-count", 0, 1), P(GasPanel, "n2o.switchover-count", 1, 2)]);

        RuleEvent only = Assert.Single(events);
        Assert.Equal(At(2), only.StartUnixMs);
    }

    [Fact]
    public void Process_ReserveInServiceFlag_IsActiveUntilItDrops()
    {
        var engine = new RuleEngine(Only(o => o.SwitchOvers.Add(new SwitchOverRuleOptions
        {
            Id = "o2.reserve", DeviceClass = "medical-gas-panel", Channel = "o2.reserve.in-service", Mode = SwitchOverMode.Flag,
        })));

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(
        [
            P(GasPanel, "o2.reserve.in-service", 0, 0), P(GasPanel, "o2.reserve.in-service", 1, 1),
            P(GasPanel, "o2.reserve.in-service", 1, 2), P(GasPanel, "o2.reserve.in-service", 0, 3),
        ]);

        Assert.Equal([EventState.Active, EventState.Cleared], events.Select(e => e.State));
        Assert.Equal(At(3), events[1].ClearUnixMs);
    }
}
