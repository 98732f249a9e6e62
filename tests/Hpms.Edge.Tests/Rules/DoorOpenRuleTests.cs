using Hpms.Edge.Rules;
using Hpms.Protocols.Telemetry;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class DoorOpenRuleTests
{
    private static RuleEngine Engine(bool seconds = false) => new(Only(o => o.DoorsOpen.Add(new DoorOpenRuleOptions
    {
        Id = "cab.door", DeviceClass = "smart-supply-cabinet", Channel = seconds ? "door.open-seconds" : "door.open",
        MaxOpen = TimeSpan.FromMinutes(5), ValueIsSeconds = seconds,
    })));

    private static TelemetryPoint Door(double open, double minutes, Quality quality = Quality.Good) => P(Cabinet, "door.open", open, minutes, quality);

    [Fact]
    public void Process_DoorOpenShorterThanLimit_RaisesNothing()
    {
        RuleEngine engine = Engine();

        Assert.Empty(engine.ProcessAll([Door(1, 0), Door(1, 4.9), Door(0, 5), Door(1, 6), Door(1, 10.9), Door(0, 11)]));
    }

    [Fact]
    public void Process_DoorHeldOpen_RaisesFromOpeningAndClearsOnClose()
    {
        RuleEngine engine = Engine();

        IReadOnlyList<RuleEvent> events = engine.ProcessAll([Door(0, 0), Door(1, 1), Door(1, 3), Door(1, 6), Door(1, 7), Door(0, 9)]);

        Assert.Equal([EventState.Active, EventState.Cleared], events.Select(e => e.State));
        Assert.Equal(RuleEventKind.DoorOpenTooLong, events[0].Kind);
        Assert.Equal(At(1), events[0].StartUnixMs);
        Assert.Equal(At(6), events[0].AtUnixMs);
        Assert.Equal(300, events[0].Value);
        Assert.Equal(events[0].Id, events[1].Id);
        Assert.Equal(At(9), events[1].ClearUnixMs);
    }

    [Fact]
    public void Process_BadReadingWhileOpen_DoesNotCloseTheDoor()
    {
        RuleEngine engine = Engine();

        IReadOnlyList<RuleEvent> events = engine.ProcessAll([Door(1, 0), Door(0, 3, Quality.Bad), Door(1, 5)]);

        Assert.Single(events);
    }

    [Fact]
    public void Process_SecondsChannel_DatesTheOpeningFromTheCounter()
    {
        RuleEngine engine = Engine(seconds: true);

        // First seen at minute 10 already 240 s open: opened at minute 6, so five minutes are up at minute 11.
        Assert.Empty(engine.Process(P(Cabinet, "door.open-seconds", 240, 10)));
        RuleEvent started = Assert.Single(engine.Process(P(Cabinet, "door.open-seconds", 300, 11)));
        Assert.Equal(At(6), started.StartUnixMs);
        Assert.Equal(EventState.Cleared, Assert.Single(engine.Process(P(Cabinet, "door.open-seconds", 0, 12))).State);
    }
}
