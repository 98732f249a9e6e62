using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// <c>kill -9</c> of hpms-edge mid-run, started again on the same state folder after <see cref="FaultDurations.KilledFor"/>:
/// no reading or event it acknowledged before the kill is lost, no order line, alarm, hold or work order is doubled.
/// </summary>
public sealed class EdgeKillTests(ITestOutputHelper output)
{
    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task EdgeKill9_ThenRestart_NoAcknowledgedReadingOrEventLost_NoDuplicateOrder()
    {
        await using SystemFaultRig rig = await SystemFaultRig.StartAsync("edgekill", output);

        DrainFigures figures = await rig.OutageAsync(
            "edge kill -9", FaultDurations.KilledFor, rig.Hospital.KillEdgeAsync, () =>
            {
                rig.Hospital.RestartEdge();
                return Task.CompletedTask;
            });

        await rig.VerifyAsync(figures);
    }
}
