using Hpms.IntegrationTests.Cloud;
using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// <c>kill -9</c> of hpms-cloud mid-run, started again (same MQTT client id, same state folder) after
/// <see cref="FaultDurations.KilledFor"/>: the broker redelivers what it had not acknowledged, the time-series buffer
/// resumes; no reading or event is lost, no order line, alarm, hold or work order is doubled.
/// </summary>
public sealed class CloudKillTests(ITestOutputHelper output)
{
    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task CloudKill9_ThenRestart_NoAcknowledgedReadingOrEventLost_NoDuplicateOrder()
    {
        await using SystemFaultRig rig = await SystemFaultRig.StartAsync("cloudkill", output);
        CloudProcess cloud = rig.Hospital.CloudProcess!;

        DrainFigures figures = await rig.OutageAsync("cloud kill -9", FaultDurations.KilledFor, cloud.KillAsync, cloud.StartAgainAsync);

        await rig.VerifyAsync(figures);
    }
}
