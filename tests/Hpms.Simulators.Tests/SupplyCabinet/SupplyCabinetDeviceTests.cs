using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.SupplyCabinet;
using Hpms.Simulators.Registers;
using static Hpms.Simulators.Tests.SupplyCabinet.CabinetTestKit;

namespace Hpms.Simulators.Tests.SupplyCabinet;

public sealed class SupplyCabinetDeviceTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly string Quiet = Bins(4, onHand: 50, dailyUse: 0);

    [Fact]
    public void Weekday_DefaultBins_MostFallToReorderPoint()
    {
        var (device, registers) = Create(seed: 7, new RecordingGroundTruth());
        Assert.Equal(CabinetSettings.MaxBins, device.Model.Bins.Count);
        Assert.All(device.Model.Bins, b => Assert.True(b.OnHand > b.ReorderPoint, "generated bins start above their reorder point"));

        Run(device, Wednesday, Day, TimeSpan.FromMinutes(1));

        int low = device.Model.Bins.Count(b => registers.Get($"bin{b.Number:00}.count") <= registers.Get($"bin{b.Number:00}.reorder-point"));
        Assert.True(low >= 12, $"only {low} of 24 bins reached their reorder point in a weekday");
    }

    [Fact]
    public void Saturday_SameSeed_ConsumesClearlyLessThanWeekday()
    {
        string plenty = Bins(24, onHand: 20_000, dailyUse: 40);
        var (weekday, _) = Create(seed: 3, new RecordingGroundTruth(), plenty);
        var (saturday, _) = Create(seed: 3, new RecordingGroundTruth(), plenty);

        Run(weekday, Wednesday, Day, TimeSpan.FromMinutes(1));
        Run(saturday, Saturday, Day, TimeSpan.FromMinutes(1));

        // 24 × 40 = 960 pieces expected on a weekday; the profile gives a Saturday about 0.68 of it.
        Assert.InRange(weekday.Model.PiecesPicked, 800, 1120);
        Assert.True(saturday.Model.PiecesPicked < 0.8 * weekday.Model.PiecesPicked,
            $"Saturday {saturday.Model.PiecesPicked} vs weekday {weekday.Model.PiecesPicked}");
    }

    [Fact]
    public void Weekday_Picks_ConcentrateInOutpatientPeaks()
    {
        var truth = new RecordingGroundTruth();
        var (device, _) = Create(seed: 11, truth, Bins(24, onHand: 20_000, dailyUse: 40));

        Run(device, Wednesday, Day, TimeSpan.FromMinutes(1));

        double total = truth.Stocks.Sum(s => -s.Delta);
        double peaks = truth.Stocks.Where(s => s.At.Hour is >= 7 and < 10 or >= 14 and < 16).Sum(s => -s.Delta);
        double night = truth.Stocks.Where(s => s.At.Hour < 6).Sum(s => -s.Delta);
        // The 5 peak hours are 21 % of the day but carry about 41 % of the flow; 00–06 about 10 %.
        Assert.True(peaks / total > 0.33, $"peak share {peaks / total:P0}");
        Assert.True(night / total < 0.15, $"night share {night / total:P0}");
    }

    [Fact]
    public void UnlockCoil_Written_ReleasesThenRelocksAfterUnlockSeconds()
    {
        var truth = new RecordingGroundTruth();
        var (device, registers) = Create(seed: 1, truth, Bins(4, 50, 0, extra: ",\"unlockSeconds\":5"));
        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.True(registers.GetBool("lock.engaged"));

        Assert.Equal(Hpms.Protocols.Modbus.ExceptionCode.None, registers.WriteCoils(0, [true]));
        t = Run(device, t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.False(registers.GetBool("lock.engaged"));
        Assert.True(registers.GetBool("lock.unlock"));

        t = Run(device, t, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        Assert.False(registers.GetBool("lock.engaged"));

        Run(device, t, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        Assert.True(registers.GetBool("lock.engaged"));
        Assert.False(registers.GetBool("lock.unlock"));
        Assert.Contains(truth.Happenings, h => h.Kind == CabinetNoticeKinds.Unlock);
    }

    [Fact]
    public void LockdownCoil_Set_RefusesUnlock()
    {
        var truth = new RecordingGroundTruth();
        var (device, registers) = Create(seed: 1, truth, Quiet);
        registers.WriteCoils(1, [true]);
        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        registers.WriteCoils(0, [true]);
        Run(device, t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.True(registers.GetBool("lock.lockdown"));
        Assert.True(registers.GetBool("lock.engaged"));
        Assert.False(registers.GetBool("lock.unlock"));
        Assert.Contains(truth.Happenings, h => h.Kind == CabinetNoticeKinds.UnlockRefused);
    }

    [Fact]
    public void DoorOpenEvent_HeldOpen_CountsOpenSecondsThenCloses()
    {
        var (device, registers) = Create(seed: 1, new RecordingGroundTruth(), Quiet);
        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        uint badges = (uint)registers.Get("badge.event-count");

        device.Apply(Event(SupplyCabinetEvents.DoorOpen, TimeSpan.FromMinutes(2)), EventPhase.Start, t);
        t = Run(device, t, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        Assert.True(registers.GetBool("door.open"));
        Assert.Equal(90, registers.Get("door.open-seconds"));
        Assert.Equal(badges + 1, registers.Get("badge.event-count"));
        Assert.False(registers.GetBool("status.door-forced"));

        device.Apply(Event(SupplyCabinetEvents.DoorOpen, TimeSpan.FromMinutes(2)), EventPhase.End, t);
        Run(device, t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.False(registers.GetBool("door.open"));
        Assert.Equal(0, registers.Get("door.open-seconds"));
        Assert.True(registers.GetBool("lock.engaged"));
    }

    [Fact]
    public void DoorForcedEvent_DoorOpensWithoutUnlock_SetsStatus()
    {
        var truth = new RecordingGroundTruth();
        var (device, registers) = Create(seed: 1, truth, Quiet);
        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        device.Apply(Event(SupplyCabinetEvents.DoorForced), EventPhase.Start, t);
        t = Run(device, t, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        Assert.True(registers.GetBool("door.open"));
        Assert.True(registers.GetBool("status.door-forced"));
        Assert.True(registers.GetBool("lock.engaged"));
        Assert.Contains(truth.Happenings, h => h.Kind == CabinetNoticeKinds.DoorForced);

        Run(device, t, CabinetModel.ForcedAlarmHold, TimeSpan.FromMinutes(1));
        Assert.False(registers.GetBool("status.door-forced"));
        Assert.False(registers.GetBool("door.open"));
    }

    [Fact]
    public void PatientSurge_SameSeed_EmptiesBinsFaster()
    {
        string settings = Bins(24, onHand: 60, dailyUse: 40);
        var (normal, _) = Create(seed: 5, new RecordingGroundTruth(), settings);
        var truth = new RecordingGroundTruth();
        var (surge, _) = Create(seed: 5, truth, settings);
        DateTimeOffset eight = Wednesday.AddHours(8);
        Run(normal, Wednesday, TimeSpan.FromHours(8), TimeSpan.FromMinutes(1));
        Run(surge, Wednesday, TimeSpan.FromHours(8), TimeSpan.FromMinutes(1));

        surge.Apply(Event(SupplyCabinetEvents.PatientSurge, TimeSpan.FromHours(4), factor: 20), EventPhase.Start, eight);
        Run(normal, eight, TimeSpan.FromHours(4), TimeSpan.FromMinutes(1));
        Run(surge, eight, TimeSpan.FromHours(4), TimeSpan.FromMinutes(1));

        int emptyNormal = normal.Model.Bins.Count(b => b.OnHand == 0);
        int emptySurge = surge.Model.Bins.Count(b => b.OnHand == 0);
        Assert.True(emptySurge >= 20, $"surge emptied {emptySurge} bins");
        Assert.True(emptyNormal <= 2, $"normal emptied {emptyNormal} bins");
        Assert.Contains(truth.Stocks, s => s.Reason == "surge");
    }

    [Fact]
    public void StockChanges_AllRecorded_SumOfDeltasEqualsRegisterChange()
    {
        var truth = new RecordingGroundTruth();
        var (device, registers) = Create(seed: 9, truth, "{\"restockAfterHours\":3}");
        double[] before = Counts(registers);

        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromHours(20), TimeSpan.FromMinutes(7));
        device.Apply(Event(SupplyCabinetEvents.Restock), EventPhase.Start, t);
        Run(device, t, TimeSpan.FromHours(30), TimeSpan.FromMinutes(24));

        double[] after = Counts(registers);
        Assert.Contains(truth.Stocks, s => s.Reason == "restock");
        Assert.Contains(truth.Stocks, s => s.Reason == "consumption");
        for (int bin = 1; bin <= 24; bin++)
        {
            int sum = truth.Stocks.Where(s => s.Bin == bin).Sum(s => s.Delta);
            Assert.Equal(after[bin - 1] - before[bin - 1], sum);
            var last = truth.Stocks.LastOrDefault(s => s.Bin == bin);
            if (last.Reason is not null)
            {
                Assert.Equal(after[bin - 1], last.OnHand);
            }
        }
    }

    [Fact]
    public void LargeSteps_VersusSmallSteps_GiveSimilarTotals()
    {
        string plenty = Bins(24, onHand: 30_000, dailyUse: 100);
        var (small, _) = Create(seed: 2, new RecordingGroundTruth(), plenty);
        var (large, _) = Create(seed: 2, new RecordingGroundTruth(), plenty);

        Run(small, Wednesday, Day, TimeSpan.FromSeconds(10));
        Run(large, Wednesday, Day, TimeSpan.FromMinutes(24));

        double ratio = (double)large.Model.PiecesPicked / small.Model.PiecesPicked;
        Assert.InRange(ratio, 0.9, 1.1);
        Assert.InRange(small.Model.PiecesPicked, 2000, 2800);
    }

    [Fact]
    public void PickLight_Written_StaysLitUntilTimeout()
    {
        var (device, registers) = Create(seed: 1, new RecordingGroundTruth(), Quiet);
        registers.WriteCoils(17, [true]); // bin02.pick-light
        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        Assert.True(registers.GetBool("bin02.pick-light"));
        Assert.False(registers.GetBool("bin01.pick-light"));

        Run(device, t, TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(1));
        Assert.False(registers.GetBool("bin02.pick-light"));
    }

    [Fact]
    public void RestockAfterHours_BinAtReorderPoint_RefilledToParAfterDelay()
    {
        var truth = new RecordingGroundTruth();
        var (device, registers) = Create(seed: 4, truth, Bins(2, onHand: 30, dailyUse: 200, par: 40, reorder: 25, extra: ",\"restockAfterHours\":1"));

        Run(device, Wednesday.AddHours(8), TimeSpan.FromHours(6), TimeSpan.FromMinutes(1));

        var restocks = truth.Stocks.Where(s => s.Reason == "restock").ToList();
        Assert.NotEmpty(restocks);
        Assert.All(restocks, r => Assert.Equal(40, r.OnHand));
        var crossing = truth.Stocks.First(s => s.Bin == restocks[0].Bin && s.OnHand <= 25);
        Assert.InRange((restocks[0].At - crossing.At).TotalMinutes, 59.9, 60.1);
        Assert.Equal(100_001, registers.Get("bin01.item-code"));
        Assert.Equal(0, registers.Get("bin03.item-code")); // unused bins serve zeros
    }

    [Fact]
    public void SameSeed_SameSteps_SameValues()
    {
        var (a, ra) = Create(seed: 21, new RecordingGroundTruth());
        var (b, rb) = Create(seed: 21, new RecordingGroundTruth());
        Run(a, Wednesday, TimeSpan.FromHours(12), TimeSpan.FromMinutes(3));
        Run(b, Wednesday, TimeSpan.FromHours(12), TimeSpan.FromMinutes(3));
        Assert.Equal(Counts(ra), Counts(rb));
        Assert.Equal(ra.Get("badge.event-count"), rb.Get("badge.event-count"));
        Assert.Equal(ra.GetText("bin05.lot"), rb.GetText("bin05.lot"));
    }

    private static double[] Counts(DeviceRegisters registers) =>
        [.. Enumerable.Range(1, 24).Select(n => registers.Get($"bin{n:00}.count"))];
}
