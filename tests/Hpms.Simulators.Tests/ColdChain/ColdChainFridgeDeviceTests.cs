using Hpms.Protocols.Modbus;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.ColdChain;
using Hpms.Simulators.Registers;
using static Hpms.Simulators.Tests.PhysicsTestKit;

namespace Hpms.Simulators.Tests.ColdChain;

public sealed class ColdChainFridgeDeviceTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void NormalWeekday_24Hours_StaysInside2To8WithCompressorCycling()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed: 7);
        double min = double.MaxValue, max = double.MinValue;
        int compressorStarts = 0, doorOpenings = 0;
        bool compressor = r.GetBool("compressor.running"), door = false;
        Run(device, Tuesday, TimeSpan.FromHours(24), s_minute, _ =>
        {
            double t = r.Get("temperature");
            min = Math.Min(min, t);
            max = Math.Max(max, t);
            bool c = r.GetBool("compressor.running");
            compressorStarts += c && !compressor ? 1 : 0;
            compressor = c;
            bool d = r.GetBool("door.open");
            doorOpenings += d && !door ? 1 : 0;
            door = d;
            Assert.False(r.GetBool("alarm.high-temperature"));
        });

        Assert.InRange(min, 2.0, 8.0);
        Assert.InRange(max, 2.0, 8.0);
        Assert.InRange(compressorStarts, 24, 200);
        Assert.True(doorOpenings >= 5, $"only {doorOpenings} door openings in a weekday");
        Assert.Equal(0, r.Get("excursion.seconds"));
    }

    [Fact]
    public void DoorHeldOpen20Minutes_LeavesBandThenRecoversWithin45Minutes()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed: 3, settings: """{"doorOpeningsPerHour":0}""");
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(10), s_minute);
        double peak = double.MinValue, peakHumidity = 0;
        device.Apply(Event("door-open", TimeSpan.FromMinutes(20)), EventPhase.Start, now);
        now = Run(device, now, TimeSpan.FromMinutes(20), s_minute, _ =>
        {
            Assert.True(r.GetBool("door.open"));
            peak = Math.Max(peak, r.Get("temperature"));
            peakHumidity = Math.Max(peakHumidity, r.Get("humidity"));
        });
        Assert.True(r.GetBool("alarm.door-ajar"));
        device.Apply(Event("door-open", TimeSpan.FromMinutes(20)), EventPhase.End, now);

        DateTimeOffset closed = now;
        DateTimeOffset? back = null;
        Run(device, now, TimeSpan.FromHours(3), s_minute, t =>
        {
            double temperature = r.Get("temperature");
            back ??= temperature is >= 2 and <= 8 ? t : null;
        });

        Assert.True(peak > 8.0, $"peak {peak} °C did not leave 2–8 °C");
        Assert.True(peakHumidity > 75, $"humidity only reached {peakHumidity} %");
        Assert.False(r.GetBool("door.open"));
        Assert.False(r.GetBool("alarm.door-ajar"));
        Assert.NotNull(back);
        Assert.True(back.Value - closed <= TimeSpan.FromMinutes(45), $"recovered after {back.Value - closed}");
        Assert.InRange(r.Get("temperature"), 2.0, 8.0);
        Assert.True(r.Get("temperature.max") > 8.0);
        Assert.True(r.Get("excursion.seconds") > 0);
    }

    [Fact]
    public void CompressorFailure_RaisesHighAlarmOnlyAfterTheAlarmDelay()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed: 5, settings: """{"doorOpeningsPerHour":0}""");
        Assert.Equal(ExceptionCode.None, r.WriteHoldingRegisters(102, [600]));
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        Assert.Equal(600, r.Get("alarm.delay-seconds"));

        device.Apply(Event("compressor-failure"), EventPhase.Start, now);
        TimeSpan step = TimeSpan.FromSeconds(10);
        DateTimeOffset? aboveSince = null, excursionStart = null, alarm = null;
        Run(device, now, TimeSpan.FromHours(12), step, t =>
        {
            Assert.False(r.GetBool("compressor.running"));
            if (alarm is null)
            {
                // Noise can dip back under the limit while warming slowly; the delay runs from the last crossing.
                aboveSince = r.Get("temperature.precise") > 8.0 ? aboveSince ?? t : null;
                if (r.GetBool("alarm.high-temperature"))
                {
                    (alarm, excursionStart) = (t, aboveSince);
                }
            }
        });

        Assert.NotNull(alarm);
        Assert.NotNull(excursionStart);
        TimeSpan delay = alarm.Value - excursionStart.Value;
        // The device judges on its 5 s grid; the test samples every 10 s.
        Assert.InRange(delay, TimeSpan.FromSeconds(590), TimeSpan.FromSeconds(620));
    }

    [Fact]
    public void MinMaxResetCoil_ResetsMinMaxAndExcursion_AndReturnsToZero()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed: 2, settings: """{"doorOpeningsPerHour":0}""");
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        device.Apply(Event("door-open", TimeSpan.FromMinutes(20)), EventPhase.Start, now);
        now = Run(device, now, TimeSpan.FromMinutes(20), s_minute);
        device.Apply(Event("door-open", TimeSpan.FromMinutes(20)), EventPhase.End, now);
        now = Run(device, now, TimeSpan.FromHours(2), s_minute);
        Assert.True(r.Get("temperature.max") > 8.0);
        Assert.True(r.Get("excursion.seconds") > 60);

        Assert.Equal(ExceptionCode.None, r.WriteCoils(0, [true]));
        device.Advance(now, TimeSpan.Zero);

        double temperature = r.Get("temperature");
        Assert.Equal(temperature, r.Get("temperature.max"), 1);
        Assert.Equal(temperature, r.Get("temperature.min"), 1);
        Assert.Equal(0, r.Get("excursion.seconds"));
        Assert.False(r.GetBool("minmax.reset"));
    }

    [Fact]
    public void SameSeed_GivesSameReadings_OtherSeedDiffers()
    {
        static double[] Trace(int seed)
        {
            (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed);
            List<double> values = [];
            Run(device, Tuesday.AddHours(6), TimeSpan.FromHours(6), TimeSpan.FromMinutes(5), _ => values.Add(r.Get("temperature.precise")));
            return [.. values];
        }

        Assert.Equal(Trace(11), Trace(11));
        Assert.NotEqual(Trace(11), Trace(12));
    }

    [Fact]
    public void StepSize_OneSecondOneMinuteOrOneHour_GiveTheSameHourlyReadings()
    {
        static double[] Hourly(TimeSpan step)
        {
            (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed: 4);
            List<double> values = [];
            DateTimeOffset now = Tuesday.AddHours(7);
            for (int hour = 0; hour < 4; hour++)
            {
                now = Run(device, now, TimeSpan.FromHours(1), step);
                values.Add(r.Get("temperature.precise"));
                values.Add(r.Get("probe2.temperature"));
                values.Add(r.Get("humidity"));
            }

            return [.. values];
        }

        double[] seconds = Hourly(TimeSpan.FromSeconds(1));
        double[] minutes = Hourly(s_minute);
        double[] hours = Hourly(TimeSpan.FromHours(1));
        for (int i = 0; i < seconds.Length; i++)
        {
            Assert.Equal(seconds[i], minutes[i], 0.05);
            Assert.Equal(seconds[i], hours[i], 0.05);
        }
    }

    [Fact]
    public void Freezer_24Hours_HoldsAroundMinus20WithDefrostCycles()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed: 9, settings: """{"kind":"freezer"}""");
        int defrostStarts = 0;
        bool defrost = false;
        Run(device, Tuesday, TimeSpan.FromHours(24), s_minute, _ =>
        {
            Assert.InRange(r.Get("temperature"), -25.0, -15.0);
            bool d = r.GetBool("defrost.active");
            defrostStarts += d && !defrost ? 1 : 0;
            defrost = d;
            Assert.False(d && r.GetBool("compressor.running"));
        });

        Assert.InRange(defrostStarts, 3, 5);
        Assert.Equal(-15, r.Get("setpoint.high"));
    }

    [Fact]
    public void PowerFailAndProbeFault_SetTheirAlarmBits()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(ColdChainFridgeDevice.Info, seed: 1);
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(1), s_minute);
        device.Apply(Event("power-fail"), EventPhase.Start, now);
        device.Apply(Event("probe-fault", null, ("probe", 2)), EventPhase.Start, now);
        now = Run(device, now, TimeSpan.FromHours(1), s_minute, _ => Assert.False(r.GetBool("compressor.running")));

        Assert.True(r.GetBool("alarm.power-fail"));
        Assert.True(r.GetBool("alarm.probe-fault"));
        Assert.Equal(-90, r.Get("probe2.temperature"));

        device.Apply(Event("power-fail"), EventPhase.End, now);
        device.Apply(Event("probe-fault", null, ("probe", 2)), EventPhase.End, now);
        Run(device, now, TimeSpan.FromMinutes(1), s_minute);
        Assert.False(r.GetBool("alarm.power-fail"));
        Assert.False(r.GetBool("alarm.probe-fault"));
        Assert.InRange(r.Get("probe2.temperature"), 2.0, 8.0);
    }
}
