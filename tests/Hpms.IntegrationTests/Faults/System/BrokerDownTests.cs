using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// Broker down mid-run (<see cref="FaultDurations.Broker"/>): mosquitto is stopped (SIGTERM, as a service stop) and started again on the same port: the edge buffers on disk, the cloud keeps its persistent session.
/// Every reading the edge acknowledged reaches the cloud's InfluxDB, every event the ledger, one order line, alarm,
/// hold and work order per cause; the backlog drains (figures in the output and the README).
/// </summary>
public sealed class BrokerDownTests(ITestOutputHelper output)
{
    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task BrokerDown_ThenBack_NothingLostNothingDuplicated_BacklogDrained()
    {
        await using SystemFaultRig rig = await SystemFaultRig.StartAsync("broker", output);

        DrainFigures figures = await rig.OutageAsync("broker down", FaultDurations.Broker, rig.Broker.StopGracefullyAsync, rig.Broker.StartAgainAsync);

        await rig.VerifyAsync(figures);
    }
}
