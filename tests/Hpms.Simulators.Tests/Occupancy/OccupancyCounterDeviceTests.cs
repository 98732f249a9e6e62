using Hpms.Protocols.Modbus;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.Occupancy;
using Hpms.Simulators.Registers;
using static Hpms.Simulators.Tests.PhysicsTestKit;

namespace Hpms.Simulators.Tests.Occupancy;

public sealed class OccupancyCounterDeviceTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void OutpatientWeekday_ShowsDoublePeak()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(OccupancyCounterDevice.Info, seed: 3, settings: """{"areaType":"outpatient","capacity":100}""");
        var byMinute = new double[24 * 60];
        Run(device, Tuesday, TimeSpan.FromHours(24), s_minute, t => byMinute[(int)(t - Tuesday).TotalMinutes % byMinute.Length] = r.Get("people.count"));

        // Half-hour means around each time smooth out the Poisson noise.
        double Around(int hour, int minute) => byMinute.Skip((hour * 60) + minute - 15).Take(30).Average();
        double morning = Around(9, 0), afternoon = Around(15, 0), lunch = Around(12, 30), night = Around(3, 0);

        Assert.True(morning > 1.8 * lunch, $"09:00 {morning} vs 12:30 {lunch}");
        Assert.True(afternoon > 1.8 * lunch, $"15:00 {afternoon} vs 12:30 {lunch}");
        Assert.True(morning > night + 30 && afternoon > night + 30, $"night {night}");
    }

    [Fact]
    public void Weekend_HasFewerEntriesThanWeekday()
    {
        static double Entries(DateTimeOffset day)
        {
            (SimulatedDevice device, DeviceRegisters r) = Create(OccupancyCounterDevice.Info, seed: 5, settings: """{"areaType":"outpatient","capacity":100}""");
            device.Advance(day, TimeSpan.Zero);
            Assert.Equal(ExceptionCode.None, r.WriteCoils(0, [true]));
            Run(device, day, TimeSpan.FromHours(24), s_minute);
            return r.Get("entries");
        }

        double weekday = Entries(Tuesday);
        double saturday = Entries(Saturday);
        double sunday = Entries(Saturday.AddDays(1));
        Assert.True(saturday < 0.6 * weekday, $"Saturday {saturday} vs weekday {weekday}");
        Assert.True(sunday < saturday, $"Sunday {sunday} vs Saturday {saturday}");
    }

    [Theory]
    [InlineData("outpatient")]
    [InlineData("ward")]
    [InlineData("emergency")]
    [InlineData("staff")]
    public void AWeekWithACrowd_CountIsAlwaysEntriesMinusExits(string areaType)
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(OccupancyCounterDevice.Info, seed: 8, settings: $$"""{"areaType":"{{areaType}}","capacity":80}""");
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(10), s_minute);
        device.Apply(Event("crowd", TimeSpan.FromHours(2), ("factor", 4)), EventPhase.Start, now);
        now = Run(device, now, TimeSpan.FromHours(2), s_minute);
        device.Apply(Event("crowd", TimeSpan.FromHours(2), ("factor", 4)), EventPhase.End, now);

        double peakPercent = 0;
        Run(device, now, TimeSpan.FromDays(7), TimeSpan.FromMinutes(7), _ =>
        {
            double count = r.Get("people.count");
            Assert.Equal(r.Get("entries") - r.Get("exits"), count);
            Assert.Equal(100.0 * count / 80, r.Get("occupancy.percent"), 0.051);
            Assert.Equal(count, ((OccupancyCounterDevice)device).Population);
            peakPercent = Math.Max(peakPercent, r.Get("occupancy.percent"));
        });

        Assert.True(r.Get("entries") > 100);
        Assert.True(peakPercent > 20, $"peak {peakPercent} %");
        Assert.False(r.GetBool("status.count-drift"));
    }

    [Fact]
    public void Crowd_RaisesTheCount()
    {
        static double CountAfterCrowd(double factor)
        {
            (SimulatedDevice device, DeviceRegisters r) = Create(OccupancyCounterDevice.Info, seed: 2, settings: """{"areaType":"emergency","capacity":100}""");
            DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(18), s_minute);
            device.Apply(Event("crowd", TimeSpan.FromHours(3), ("factor", factor)), EventPhase.Start, now);
            Run(device, now, TimeSpan.FromHours(3), s_minute);
            return r.Get("people.count");
        }

        Assert.True(CountAfterCrowd(4) > 2 * CountAfterCrowd(1));
    }

    [Fact]
    public void SensorBlocked_FreezesCountsAndSetsStatus_ThenCountsAgain()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(OccupancyCounterDevice.Info, seed: 4);
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(8), s_minute);
        device.Apply(Event("sensor-blocked", TimeSpan.FromHours(1)), EventPhase.Start, now);
        now = Run(device, now, s_minute, s_minute);
        (double count, double entries, double exits) = (r.Get("people.count"), r.Get("entries"), r.Get("exits"));
        now = Run(device, now, TimeSpan.FromHours(1), s_minute, _ =>
        {
            Assert.True(r.GetBool("status.sensor-blocked"));
            Assert.Equal((count, entries, exits), (r.Get("people.count"), r.Get("entries"), r.Get("exits")));
        });
        Assert.NotEqual(count, ((OccupancyCounterDevice)device).Population);

        device.Apply(Event("sensor-blocked", TimeSpan.FromHours(1)), EventPhase.End, now);
        Run(device, now, TimeSpan.FromMinutes(30), s_minute);
        Assert.False(r.GetBool("status.sensor-blocked"));
        Assert.True(r.Get("entries") > entries);
    }

    [Fact]
    public void ClientWrites_CapacityPresetAndCounterReset_TakeEffect()
    {
        (SimulatedDevice device, DeviceRegisters r) = Create(OccupancyCounterDevice.Info, seed: 6, settings: """{"capacity":50}""");
        DateTimeOffset now = Run(device, Tuesday, TimeSpan.FromHours(9), s_minute);
        Assert.Equal(50, r.Get("capacity"));
        Assert.True(r.Get("people.count") > 0);

        Assert.Equal(ExceptionCode.None, r.WriteHoldingRegisters(10, [200]));
        Assert.Equal(ExceptionCode.None, r.WriteHoldingRegisters(11, [40]));
        Assert.Equal(ExceptionCode.None, r.WriteCoils(0, [true]));
        device.Advance(now, TimeSpan.Zero);

        Assert.Equal(40, r.Get("people.count"));
        Assert.Equal(20.0, r.Get("occupancy.percent"), 6);
        Assert.Equal(0, r.Get("entries"));
        Assert.Equal(0, r.Get("exits"));
        Assert.False(r.GetBool("counters.reset"));

        // After the preset the counter keeps counting from 40.
        Run(device, now, TimeSpan.FromHours(1), s_minute);
        Assert.Equal(40 + r.Get("entries") - r.Get("exits"), r.Get("people.count"));
    }
}
