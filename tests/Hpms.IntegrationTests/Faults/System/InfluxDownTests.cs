using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// InfluxDB down mid-run (<see cref="FaultDurations.Influx"/>): influxd is killed and started again on the same port and data: the cloud's time-series buffer (and the edge's witness) hold the readings.
/// Every reading the edge acknowledged reaches the cloud's InfluxDB, every event the ledger, one order line, alarm,
/// hold and work order per cause; the backlog drains (figures in the output and the README).
/// </summary>
public sealed class InfluxDownTests(ITestOutputHelper output)
{
    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task InfluxDbDown_ThenBack_NothingLostNothingDuplicated_BacklogDrained()
    {
        await using SystemFaultRig rig = await SystemFaultRig.StartAsync("influx", output);

        DrainFigures figures = await rig.OutageAsync("InfluxDB down", FaultDurations.Influx, rig.Influxd.StopAsync, rig.Influxd.StartAgainAsync);

        await rig.VerifyAsync(figures);
    }
}
