using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Rules;
using Hpms.Edge.Uplink;
using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Hpms.Edge.Tests.Rules.RulePoints;

namespace Hpms.Edge.Tests.Pipeline;

public sealed class RulesStageTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("hpms-rules-stage-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    // Regression (system fault test EdgeKillTests): the state was saved only every minute, so a kill -9 soon after an
    // alarm forgot it and the restarted gateway raised it again under a new id — a second order line in the cloud.
    [Fact]
    public async Task ConsumeAsync_EventRaisedThenKilledWithoutDispose_RestartDoesNotRaiseItAgain()
    {
        TimeProvider clock = TimeProvider.System; // the periodic save (every minute) never comes in this test
        IOptions<RulesOptions> rules = Options.Create(Only(o => o.StockReorder.Add(new StockReorderRuleOptions { Id = "stock", DeviceClass = "smart-supply-cabinet" })));
        IOptions<UplinkOptions> uplink = Options.Create(new UplinkOptions { StateDirectory = _state });
        var first = new Published();
        var before = new RulesStage(rules, uplink, first, clock, NullLogger<RulesStage>.Instance); // never disposed: killed
        await before.ConsumeAsync(new DeviceReading(Cabinet, At(0), [P(Cabinet, "bin01.reorder-point", 10, 0), P(Cabinet, "bin01.count", 8, 0)], true), CancellationToken.None);
        Assert.Single(first.Events);

        var second = new Published();
        using var after = new RulesStage(rules, uplink, second, clock, NullLogger<RulesStage>.Instance);
        await after.ConsumeAsync(new DeviceReading(Cabinet, At(0.1), [P(Cabinet, "bin01.reorder-point", 10, 0.1), P(Cabinet, "bin01.count", 8, 0.1)], true), CancellationToken.None);

        Assert.Empty(second.Events);
    }

    private sealed class Published : IEventPublisher
    {
        public List<DeviceEvent> Events { get; } = [];

        public void Publish(DeviceEvent deviceEvent) => Events.Add(deviceEvent);
    }
}
