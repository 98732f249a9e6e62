using Hpms.Protocols.Modbus;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.MedicalGas;
using Hpms.Simulators.Registers;
using static Hpms.Simulators.Tests.PhysicsTestKit;

namespace Hpms.Simulators.Tests.MedicalGas;

public sealed class MedicalGasPanelDeviceTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void PrimaryEmpties_SwitchesOverToReserveExactlyOnce()
    {
        var truth = new RecordingGroundTruth();
        (SimulatedDevice device, DeviceRegisters r) = Create(
            MedicalGasPanelDevice.Info, seed: 2, settings: """{"bankLitres":10000,"primaryPercent":5,"o2FlowLpm":250,"manifoldShare":0.1}""", truth: truth);
        device.Advance(Tuesday.AddHours(8), TimeSpan.Zero);
        Assert.True(r.GetBool("o2.primary.in-service"));
        Assert.False(r.GetBool("o2.primary.empty"));
        Assert.Equal(0, r.Get("o2.switchover-count"));

        DateTimeOffset now = Run(device, Tuesday.AddHours(8), TimeSpan.FromHours(3), s_minute, _ =>
            Assert.Equal(r.GetBool("o2.primary.empty") ? 1 : 0, r.Get("o2.switchover-count")));

        Assert.Equal(1, r.Get("o2.switchover-count"));
        Assert.True(r.GetBool("o2.primary.empty"));
        Assert.True(r.GetBool("o2.reserve.in-service"));
        Assert.False(r.GetBool("o2.primary.in-service"));
        Assert.False(r.GetBool("o2.reserve.empty"));
        Assert.False(r.GetBool("alarm.o2.low"));
        Assert.Single(truth.Happenings, h => h.Kind == "o2-switchover");

        device.Apply(Event("bank-replaced"), EventPhase.Start, now);
        Run(device, now, s_minute, s_minute);
        Assert.True(r.GetBool("o2.primary.in-service"));
        Assert.False(r.GetBool("o2.primary.empty"));
        Assert.False(r.GetBool("o2.reserve.in-service"));
        Assert.Equal(1, r.Get("o2.switchover-count"));
    }

    [Fact]
    public void BankSwitchoverEvent_EmptiesPrimaryAndCountsOnce()
    {
        var truth = new RecordingGroundTruth();
        (SimulatedDevice device, DeviceRegisters r) = Create(MedicalGasPanelDevice.Info, seed: 3, truth: truth);
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        device.Apply(Event("bank-switchover"), EventPhase.Start, now);
        device.Apply(Event("bank-switchover"), EventPhase.Start, now);
        Run(device, now, s_minute, s_minute);

        Assert.Equal(1, r.Get("o2.switchover-count"));
        Assert.True(r.GetBool("o2.reserve.in-service"));
        Assert.Single(truth.Happenings);
    }

    [Fact]
    public void LoxContents_FallAtTheRateTheFlowImplies()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(
            MedicalGasPanelDevice.Info, seed: 4, settings: """{"loxCapacityLitres":1000000,"loxLevelPercent":90,"manifoldShare":0.25,"o2FlowLpm":300}""");
        DateTimeOffset now = Run(device, Tuesday.AddHours(7), s_minute, s_minute);
        double before = r.Get("lox.contents");
        double expectedDrawLitres = 0;
        Run(device, now, TimeSpan.FromHours(4), s_minute, _ => expectedDrawLitres += r.Get("o2.flow") * 1.0 * (1 - 0.25));

        double drawn = before - r.Get("lox.contents");
        // About 300 L/min × 240 min × 0.75 at the morning peak.
        Assert.InRange(expectedDrawLitres, 50_000, 150_000);
        Assert.Equal(expectedDrawLitres, drawn, expectedDrawLitres * 0.02);
        Assert.Equal(100.0 * r.Get("lox.contents") / 1_000_000, r.Get("lox.level"), 0.051);
    }

    [Fact]
    public void O2Alarms_FollowLimitsWrittenByAClient()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(MedicalGasPanelDevice.Info, seed: 5);
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        Assert.InRange(r.Get("o2.pressure"), 345, 380);
        Assert.False(r.GetBool("alarm.o2.low"));
        Assert.False(r.GetBool("alarm.o2.high"));

        Assert.Equal(ExceptionCode.None, WriteFloat(r, "o2.pressure.low-limit", 400));
        now = Run(device, now, s_minute, s_minute);
        Assert.True(r.GetBool("alarm.o2.low"));

        Assert.Equal(ExceptionCode.None, WriteFloat(r, "o2.pressure.low-limit", 290));
        Assert.Equal(ExceptionCode.None, WriteFloat(r, "o2.pressure.high-limit", 300));
        Run(device, now, s_minute, s_minute);
        Assert.False(r.GetBool("alarm.o2.low"));
        Assert.True(r.GetBool("alarm.o2.high"));
        Assert.Equal(300, r.Get("o2.pressure.high-limit"));
    }

    [Fact]
    public void TankLow_RaisesLoxLowAlarm_RefillClearsIt()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(MedicalGasPanelDevice.Info, seed: 6);
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        Assert.False(r.GetBool("alarm.lox.low"));

        device.Apply(Event("tank-low", null, ("level", 10)), EventPhase.Start, now);
        now = Run(device, now, s_minute, s_minute);
        Assert.True(r.GetBool("alarm.lox.low"));
        Assert.InRange(r.Get("lox.level"), 9.9, 10.0);

        device.Apply(Event("lox-refill", null, ("level", 95)), EventPhase.Start, now);
        Run(device, now, s_minute, s_minute);
        Assert.False(r.GetBool("alarm.lox.low"));
    }

    [Theory]
    [InlineData(1, "alarm.air.low", "air.pressure")]
    [InlineData(2, "alarm.n2o.low", "n2o.pressure")]
    [InlineData(3, "alarm.vacuum.low", "vacuum.pressure")]
    public void PressureDrop_LowersTheLineAndAlarmsForItsDuration(int line, string alarm, string pressure)
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(MedicalGasPanelDevice.Info, seed: 7);
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        double normal = r.Get(pressure);
        double dropKPa = line == 3 ? 40 : 120;
        device.Apply(Event("pressure-drop", TimeSpan.FromMinutes(10), ("line", line), ("kPa", dropKPa)), EventPhase.Start, now);
        now = Run(device, now, TimeSpan.FromMinutes(10), s_minute, _ => Assert.True(r.GetBool(alarm)));
        Assert.True(r.Get(pressure) < normal - (dropKPa / 2));

        device.Apply(Event("pressure-drop", TimeSpan.FromMinutes(10), ("line", line), ("kPa", dropKPa)), EventPhase.End, now);
        Run(device, now, s_minute, s_minute);
        Assert.False(r.GetBool(alarm));
    }

    private static ExceptionCode WriteFloat(DeviceRegisters r, string name, double value)
    {
        RegisterPoint point = r.Point(name);
        var raw = new ushort[point.RegisterCount];
        Assert.Equal(Hpms.Protocols.Registers.RegisterCodecStatus.Ok, point.TryEncode(value, raw));
        return r.WriteHoldingRegisters(point.Address, raw);
    }
}
