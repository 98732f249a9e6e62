using Hpms.Protocols.Modbus;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.AirHandling;
using Hpms.Simulators.Registers;
using static Hpms.Simulators.Tests.PhysicsTestKit;

namespace Hpms.Simulators.Tests.AirHandling;

public sealed class AirHandlingUnitDeviceTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(24)]
    [InlineData(100)]
    [InlineData(500)]
    public void FilterClogging_AlarmsWithin2PercentOfTheStatedRunningHours(double hours)
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(AirHandlingUnitDevice.Info, seed: 3, settings: """{"filterAgeHours":100}""");
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        Assert.False(r.GetBool("filter.alarm"));
        device.Apply(Event("filter-clogging", null, ("reachLimitAfterHours", hours)), EventPhase.Start, now);

        DateTimeOffset start = now;
        DateTimeOffset? alarm = null;
        double alarmPa = 0;
        TimeSpan step = TimeSpan.FromMinutes(hours / 100);
        Run(device, now, TimeSpan.FromHours(hours * 1.1), step, t =>
        {
            if (alarm is null && r.GetBool("filter.alarm"))
            {
                (alarm, alarmPa) = (t, r.Get("filter.differential-pressure"));
            }

            Assert.True(r.GetBool("fan.running"));
        });

        Assert.NotNull(alarm);
        double alarmHours = (alarm.Value - start).TotalHours;
        Assert.InRange(alarmHours, hours * 0.98, hours * 1.02);
        Assert.InRange(alarmPa, 449, 460);
    }

    [Fact]
    public void FilterChange_ResetsPressureDropAndClearsAlarm()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(AirHandlingUnitDevice.Info, seed: 4, settings: """{"cleanFilterPa":120}""");
        DateTimeOffset now = Run(device, Tuesday, s_minute, s_minute);
        device.Apply(Event("filter-clogging", null, ("reachLimitAfterHours", 10)), EventPhase.Start, now);
        now = Run(device, now, TimeSpan.FromHours(12), s_minute);
        Assert.True(r.GetBool("filter.alarm"));

        device.Apply(Event("filter-change"), EventPhase.Start, now);
        Run(device, now, s_minute, s_minute);
        Assert.False(r.GetBool("filter.alarm"));
        Assert.InRange(r.Get("filter.differential-pressure"), 119, 121);
    }

    [Fact]
    public void FilterPressureDrop_RisesFasterAsTheFilterLoads()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(AirHandlingUnitDevice.Info, seed: 5, settings: """{"filterAgeHours":0,"filterLifeHours":3000}""");
        DateTimeOffset now = Run(device, Tuesday, s_minute, s_minute);
        double p0 = r.Get("filter.differential-pressure");
        now = Run(device, now, TimeSpan.FromHours(1000), TimeSpan.FromHours(1));
        double p1 = r.Get("filter.differential-pressure");
        Run(device, now, TimeSpan.FromHours(1000), TimeSpan.FromHours(1));
        double p2 = r.Get("filter.differential-pressure");
        Assert.True(p2 - p1 > p1 - p0 && p1 > p0, $"{p0} → {p1} → {p2}");
    }

    [Fact]
    public void FanCommandOff_StopsFanAndRunHours_OnAgainSpinsUp()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(AirHandlingUnitDevice.Info, seed: 6, settings: """{"runHours":1000}""");
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(3), s_minute);
        Assert.Equal(1003, r.Get("fan.run-hours"));
        Assert.True(r.GetBool("fan.command"));
        Assert.Equal(80, r.Get("fan.speed"), 1);

        Assert.Equal(ExceptionCode.None, r.WriteCoils(0, [false]));
        now = Run(device, now, TimeSpan.FromHours(10), s_minute);
        Assert.False(r.GetBool("fan.running"));
        Assert.Equal(0, r.Get("fan.speed"));
        Assert.Equal(1003, r.Get("fan.run-hours"));
        Assert.InRange(r.Get("room.differential-pressure"), -1.5, 1.5);

        Assert.Equal(ExceptionCode.None, r.WriteCoils(0, [true]));
        TimeSpan step = TimeSpan.FromSeconds(5);
        now = Run(device, now, step, step);
        Assert.False(r.GetBool("fan.running"));
        now = Run(device, now, TimeSpan.FromSeconds(30), step);
        Assert.True(r.GetBool("fan.running"));
        Run(device, now, TimeSpan.FromHours(2), s_minute);
        Assert.Equal(1005, r.Get("fan.run-hours"));
    }

    [Fact]
    public void BearingWear_MakesVibrationRiseFaster()
    {
        static double VibrationAfter(double factor)
        {
            (SimulatedDevice device, DeviceRegisters r) = Create(AirHandlingUnitDevice.Info, seed: 7, settings: """{"runHours":0}""");
            DateTimeOffset now = Run(device, Tuesday, s_minute, s_minute);
            device.Apply(Event("bearing-wear", null, ("factor", factor)), EventPhase.Start, now);
            Run(device, now, TimeSpan.FromHours(500), TimeSpan.FromHours(1));
            return r.Get("fan.vibration");
        }

        double normal = VibrationAfter(1);
        double worn = VibrationAfter(50);
        Assert.InRange(normal, 0.8, 1.5);
        Assert.True(worn > normal + 3, $"worn {worn} vs normal {normal}");
    }

    [Fact]
    public void FanFailure_StopsFanWhileCommanded_ThenRecovers()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(AirHandlingUnitDevice.Info, seed: 8);
        DateTimeOffset now = Run(device, Tuesday, s_minute, s_minute);
        device.Apply(Event("fan-failure", TimeSpan.FromHours(1)), EventPhase.Start, now);
        now = Run(device, now, TimeSpan.FromHours(1), s_minute);
        Assert.True(r.GetBool("fan.command"));
        Assert.False(r.GetBool("fan.running"));
        Assert.True(r.Get("fan.vibration") < 0.1);

        device.Apply(Event("fan-failure", TimeSpan.FromHours(1)), EventPhase.End, now);
        Run(device, now, TimeSpan.FromMinutes(5), s_minute);
        Assert.True(r.GetBool("fan.running"));
    }

    [Fact]
    public void SupplyAirAndRoomPressure_TrackWrittenSetpoints()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(AirHandlingUnitDevice.Info, seed: 9);
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        Assert.InRange(r.Get("supply.temperature"), 18, 20);
        Assert.InRange(r.Get("room.differential-pressure"), 13, 17);

        Assert.Equal(ExceptionCode.None, r.WriteHoldingRegisters(100, [220, 400, unchecked((ushort)(short)-120)]));
        double minTemperature = double.MaxValue, maxTemperature = double.MinValue;
        Run(device, now, TimeSpan.FromHours(24), s_minute, t =>
        {
            if (t - now > TimeSpan.FromHours(1))
            {
                minTemperature = Math.Min(minTemperature, r.Get("supply.temperature"));
                maxTemperature = Math.Max(maxTemperature, r.Get("supply.temperature"));
                Assert.InRange(r.Get("supply.humidity"), 34, 46);
                Assert.InRange(r.Get("room.differential-pressure"), -14, -10);
            }
        });

        Assert.InRange(minTemperature, 21.0, 22.0);
        Assert.InRange(maxTemperature, 22.0, 23.0);
        Assert.True(maxTemperature - minTemperature > 0.3, "the outdoor day should show through");
    }
}
