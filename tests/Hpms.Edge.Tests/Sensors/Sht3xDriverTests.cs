using Hpms.Edge.Sensors;

namespace Hpms.Edge.Tests.Sensors;

public sealed class Sht3xDriverTests : IDisposable
{
    private readonly FakeI2cDevice _bus = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _bus.Dispose();

    private Sht3xDriver Driver() => new(_bus, _time);

    [Fact]
    public async Task MeasureAsync_GoodReply_SendsCommandWaitsThenReadsSixBytes()
    {
        Sht3xDriver driver = Driver();
        _bus.Reply(0x66, 0x66, 0x93, 0x80, 0x00, 0xA2);

        Task<Sht3xResult<Sht3xReading>> measuring = driver.MeasureAsync(CancellationToken.None);

        // The command is on the bus, the driver is waiting out the measurement and has not read yet.
        Assert.Equal(["W 2400"], _bus.Log);
        Assert.False(measuring.IsCompleted);
        Assert.Equal([Sht3xDriver.MeasurementWait], _time.Requested);
        Assert.True(Sht3xDriver.MeasurementWait >= TimeSpan.FromMilliseconds(15));

        Assert.Equal(1, _time.Fire());
        Sht3xResult<Sht3xReading> result = await measuring;

        Assert.Equal(["W 2400", "R 6"], _bus.Log);
        Assert.True(result.IsOk);
        Assert.Equal(25.0, result.Value.TemperatureC, 9);
        Assert.Equal(50.000763, result.Value.RelativeHumidityPercent, 6);
        Assert.Null(result.Error);
        Assert.Equal(1, driver.Counters.Measurements);
    }

    [Fact]
    public async Task MeasureAsync_CorruptReply_ReturnsCrcMismatchAndCounts()
    {
        Sht3xDriver driver = Driver();
        _bus.Reply(0x66, 0x66, 0x93, 0x80, 0x00, 0x00);

        Task<Sht3xResult<Sht3xReading>> measuring = driver.MeasureAsync(CancellationToken.None);
        _time.Fire();
        Sht3xResult<Sht3xReading> result = await measuring;

        Assert.Equal(Sht3xStatus.CrcMismatch, result.Status);
        Assert.Equal(default, result.Value);
        Assert.Contains("666693800000", result.Error, StringComparison.Ordinal);
        Assert.Equal((0L, 1L, 0L), (driver.Counters.Measurements, driver.Counters.CrcErrors, driver.Counters.BusErrors));
    }

    [Fact]
    public async Task MeasureAsync_NackOnCommand_ReturnsBusErrorWithoutWaitingOrReading()
    {
        Sht3xDriver driver = Driver();
        _bus.NackNextWrite = true;

        Sht3xResult<Sht3xReading> result = await driver.MeasureAsync(CancellationToken.None);

        Assert.Equal(Sht3xStatus.BusError, result.Status);
        Assert.Contains("121", result.Error, StringComparison.Ordinal);
        Assert.Equal(["W NACK"], _bus.Log);
        Assert.Empty(_time.Requested);
        Assert.Equal(1, driver.Counters.BusErrors);
    }

    [Fact]
    public async Task MeasureAsync_NackOnRead_ReturnsBusErrorAndTheNextMeasurementWorks()
    {
        Sht3xDriver driver = Driver();
        _bus.NackNextRead = true;
        _bus.Reply(0x66, 0x66, 0x93, 0x80, 0x00, 0xA2);

        Task<Sht3xResult<Sht3xReading>> first = driver.MeasureAsync(CancellationToken.None);
        _time.Fire();
        Assert.Equal(Sht3xStatus.BusError, (await first).Status);

        Task<Sht3xResult<Sht3xReading>> second = driver.MeasureAsync(CancellationToken.None);
        _time.Fire();
        Assert.True((await second).IsOk);
        Assert.Equal((1L, 1L), (driver.Counters.BusErrors, driver.Counters.Measurements));
    }

    [Fact]
    public async Task MeasureAsync_Cancelled_Throws()
    {
        Sht3xDriver driver = Driver();
        using var cts = new CancellationTokenSource();

        Task<Sht3xResult<Sht3xReading>> measuring = driver.MeasureAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => measuring);
    }

    [Fact]
    public void ReadStatus_GoodReply_DecodesTheRegister()
    {
        Sht3xDriver driver = Driver();
        _bus.Reply(0x20, 0x10, 0x1E);

        Sht3xResult<Sht3xStatusRegister> result = driver.ReadStatus();

        Assert.Equal(["W F32D", "R 3"], _bus.Log);
        Assert.True(result.IsOk);
        Assert.True(result.Value.HeaterOn);
        Assert.True(result.Value.SystemResetDetected);
        Assert.False(result.Value.AlertPending);
    }

    [Fact]
    public void ReadStatus_BadCrc_ReturnsCrcMismatch()
    {
        Sht3xDriver driver = Driver();
        _bus.Reply(0x20, 0x10, 0x1F);

        Assert.Equal(Sht3xStatus.CrcMismatch, driver.ReadStatus().Status);
        Assert.Equal(1, driver.Counters.CrcErrors);
    }

    [Fact]
    public void HeaterAndClearStatus_SendTheirCommands()
    {
        Sht3xDriver driver = Driver();

        Assert.Equal(Sht3xStatus.Ok, driver.SetHeater(true));
        Assert.Equal(Sht3xStatus.Ok, driver.SetHeater(false));
        Assert.Equal(Sht3xStatus.Ok, driver.ClearStatus());
        _bus.NackNextWrite = true;
        Assert.Equal(Sht3xStatus.BusError, driver.SetHeater(true));

        Assert.Equal(["W 306D", "W 3066", "W 3041", "W NACK"], _bus.Log);
    }

    [Fact]
    public async Task SoftResetAsync_SendsResetAndWaits()
    {
        Sht3xDriver driver = Driver();

        Task<Sht3xStatus> resetting = driver.SoftResetAsync(CancellationToken.None);
        Assert.False(resetting.IsCompleted);
        _time.Fire();

        Assert.Equal(Sht3xStatus.Ok, await resetting);
        Assert.Equal(["W 30A2"], _bus.Log);
        Assert.Equal([Sht3xDriver.SoftResetWait], _time.Requested);
    }
}
