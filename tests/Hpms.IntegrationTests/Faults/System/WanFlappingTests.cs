using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// The edge's WAN link to the broker flaps (cut 2 s, back 2 s) for <see cref="FaultDurations.Flapping"/>: every
/// reading the edge acknowledged reaches the cloud's InfluxDB, every event the ledger, one order line, alarm, hold
/// and work order per cause; the backlog drains.
/// </summary>
public sealed class WanFlappingTests(ITestOutputHelper output)
{
    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task WanFlapping_EveryFewSeconds_NothingLostNothingDuplicated_BacklogDrained()
    {
        await using SystemFaultRig rig = await SystemFaultRig.StartAsync("wan", output);

        DrainFigures figures = await rig.FlappingAsync(FaultDurations.Flapping, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

        await rig.VerifyAsync(figures);
    }
}
