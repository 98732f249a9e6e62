using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// PostgreSQL down mid-run (<see cref="FaultDurations.Postgres"/>): PostgreSQL is killed (SIGKILL, a crash) and started again on the same port and data: the cloud holds messages unacknowledged and retries.
/// Every reading the edge acknowledged reaches the cloud's InfluxDB, every event the ledger, one order line, alarm,
/// hold and work order per cause; the backlog drains (figures in the output and the README).
/// </summary>
public sealed class PostgresDownTests(ITestOutputHelper output)
{
    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task PostgresDown_ThenBack_NothingLostNothingDuplicated_BacklogDrained()
    {
        await using SystemFaultRig rig = await SystemFaultRig.StartAsync("pg", output);

        DrainFigures figures = await rig.OutageAsync("PostgreSQL down", FaultDurations.Postgres, rig.Postgres.StopAsync, rig.Postgres.StartAgainAsync);

        await rig.VerifyAsync(figures);
    }
}
