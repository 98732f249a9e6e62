using System.Text.Json;
using Hpms.Cloud.Ingest;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Microsoft.Extensions.DependencyInjection;

namespace Hpms.IntegrationTests.Cloud.EndToEnd;

/// <summary>
/// The whole loop on real parts: simulated devices (Modbus TCP) → hpms-edge (its own process) → mosquitto →
/// hpms-cloud (ingest, consumers, predictive maintenance, dispatch, API) → PostgreSQL and influxd. A cabinet
/// drains below its reorder point, a fridge door is left open, an AHU filter clogs and is changed; every
/// event is then delivered three more times. Each cause yields its work exactly once.
/// </summary>
[Collection("postgres")]
public sealed class HospitalLoopTests(PostgresFixture postgres, MosquittoFixture mosquitto, InfluxdFixture influxd)
    : IClassFixture<MosquittoFixture>, IClassFixture<InfluxdFixture>
{
    private const double FinalResistancePa = 450;

    // 120× time: 1 s of wall time is 2 simulated minutes. The filter would reach 450 Pa at 02:00 simulated
    // (60 s); it is changed at 01:30 (45 s), so ΔP never reaches the limit.
    private const string Scenario = """
        {
          "name": "hospital-loop", "site": "test", "seed": 11,
          "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 120 },
          "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
          "devices": [
            { "id": "cab-1", "class": "smart-supply-cabinet", "endpoint": "tcp", "zone": "ward-3",
              "settings": { "binCount": 1, "bins": [ { "itemCode": 100001, "par": 40, "reorderPoint": 30, "onHand": 36, "dailyUse": 5000 } ] } },
            { "id": "fridge-1", "class": "cold-chain-fridge", "endpoint": "tcp", "zone": "pharmacy", "settings": { "doorOpeningsPerHour": 0 } },
            { "id": "ahu-1", "class": "air-handling-unit", "endpoint": "tcp", "zone": "plant",
              "settings": { "finalResistancePa": 450, "cleanFilterPa": 120, "filterAgeHours": 0, "runHours": 1000 } }
          ],
          "events": [
            { "at": "00:00:00", "kind": "filter-clogging", "device": "ahu-1", "parameters": { "reachLimitAfterHours": 2 } },
            { "at": "00:06:00", "kind": "door-open", "device": "fridge-1", "for": "00:20:00" },
            { "at": "01:30:00", "kind": "filter-change", "device": "ahu-1" }
          ]
        }
        """;

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);

    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task SimulatedHospital_ThroughEdgeAndCloud_YieldsEachOrderAlarmHoldAndWorkOrderOnce()
    {
        await using HospitalRig rig = await HospitalRig.StartAsync(postgres.Server!, mosquitto.Broker, influxd.Server, InfluxdFixture.Database, Scenario, TimeSpan.FromSeconds(150));
        CloudApp cloud = rig.Cloud;
        await rig.AddTechniciansAsync(("tech-hvac", "hvac", "plant"), ("tech-fridge", "refrigeration", "pharmacy"));
        await using MqttObserver wire = await MqttObserver.ConnectAsync(rig.Broker.Port, MosquittoBroker.AdminUser, rig.Password, "hpms/v1/+/+/+/event");

        // Wall-time limits for a 120× simulation: the door rule fires after 3 s instead of 5 min.
        await rig.StartEdgeAsync("gw-loop", new { DoorsOpen = new[] { new { Id = "fridge.door-open", DeviceClass = "cold-chain-fridge", Channel = "door.open", MaxOpen = "00:00:03" } } }, TimeSpan.FromSeconds(30));

        // Cabinet: the bin drains below its reorder point within seconds → one order line.
        await Poll.UntilAsync(async () => await rig.ScalarAsync("SELECT COUNT(*) FROM order_lines WHERE cabinet_id = 'cab-1'") > 0, s_deadline, () => "no order line for cab-1");

        // Fridge: the door is held open past the rule's limit → one alarm, one hold, one work order.
        await Poll.UntilAsync(async () => await rig.ScalarAsync("SELECT COUNT(*) FROM stock_holds WHERE device_id = 'fridge-1'") > 0, s_deadline, () => "no hold for fridge-1");

        // AHU: the predictive job sees the clogging trend and opens a work order before ΔP reaches its limit.
        await Poll.UntilAsync(async () => await rig.ScalarAsync("SELECT COUNT(*) FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'") > 0, s_deadline, () => "no filter work order");
        long filterOrder = await rig.ScalarAsync("SELECT id FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'");
        double peakBeforeOrder = await MaxFilterPressureAsync(await rig.ScalarAsync("SELECT created_ms FROM work_orders WHERE id = " + filterOrder));
        Assert.InRange(peakBeforeOrder, 1, FinalResistancePa - 1);

        // The technician's side of the loop, through the API: accept, start, resolve (after dispatch assigned it).
        await Poll.UntilAsync(async () => await rig.TextAsync("SELECT state FROM work_orders WHERE id = " + filterOrder) == "assigned", s_deadline, () => "the filter work order was not dispatched");
        Assert.Equal("tech-hvac", await rig.TextAsync("SELECT assigned_to FROM work_orders WHERE id = " + filterOrder));
        await rig.ActAsync(filterOrder, "accept", "start", "resolve");

        // The simulator fits the clean filter at 01:30 simulated; telemetry then verifies the work order by itself.
        await Poll.UntilAsync(async () => await rig.TextAsync("SELECT state FROM work_orders WHERE id = " + filterOrder) == "verified", s_deadline, () => "the filter change did not verify the work order");
        Assert.Equal("system:telemetry", await rig.TextAsync($"SELECT actor FROM work_order_transitions WHERE work_order_id = {filterOrder} AND to_state = 'verified'"));

        // Every event again, three times, as a broker redelivering after reconnects would: nothing new.
        var events = wire.All().Where(m => m.Topic.EndsWith("/event", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(events);
        long handledBefore = cloud.Services.GetRequiredService<IngestCounters>().EventsHandled;
        for (int round = 0; round < 3; round++)
        {
            foreach ((string topic, byte[] payload, _) in events)
            {
                await wire.PublishAsync(topic, payload);
            }
        }

        await Poll.UntilAsync(() => cloud.Services.GetRequiredService<IngestCounters>().EventsDuplicate >= events.Count * 3, s_deadline, () => "the redelivered events were not all seen");
        Assert.Equal(handledBefore, cloud.Services.GetRequiredService<IngestCounters>().EventsHandled);

        Assert.True(1 == await rig.ScalarAsync("SELECT COUNT(*) FROM order_lines WHERE cabinet_id = 'cab-1'"), await rig.DumpAsync("SELECT id, item_id, bin, quantity, on_hand, status, close_reason, source_event_id, created_ms, closed_ms FROM order_lines"));
        Assert.Equal(1, await rig.ScalarAsync("SELECT COUNT(*) FROM alarms WHERE device_id = 'fridge-1'"));
        Assert.Equal(1, await rig.ScalarAsync("SELECT COUNT(*) FROM stock_holds WHERE device_id = 'fridge-1'"));
        Assert.Equal(1, await rig.ScalarAsync("SELECT COUNT(*) FROM work_orders WHERE asset_id = 'fridge-1'"));
        Assert.Equal(1, await rig.ScalarAsync("SELECT COUNT(*) FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'"));
        Assert.Equal(0, await rig.ScalarAsync("SELECT COUNT(*) FROM dead_letters"));
        Assert.True(await rig.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'workorder.%'") >= 5);
    }

    private async Task<double> MaxFilterPressureAsync(long untilUnixMs)
    {
        using JsonDocument answer = await influxd.Server.QueryAsync(
            $"SELECT max(\"filter.differential-pressure\") FROM \"air-handling-unit\" WHERE device = 'ahu-1' AND time <= {untilUnixMs}ms", InfluxdFixture.Database);
        JsonElement result = answer.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("series", out JsonElement series) ? series[0].GetProperty("values")[0][1].GetDouble() : 0;
    }
}
