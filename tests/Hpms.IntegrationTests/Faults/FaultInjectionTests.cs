using Hpms.IntegrationTests.ClientsVsServer;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>
/// Faults injected by our server, seen by our master over a real link. Expected register values
/// come from peer-dataset.json (the bank's holding image). One subclass per transport.
/// </summary>
public abstract class FaultInjectionTests(IFaultServerFixture server) : IDisposable
{
    protected const PeerTool Needs = PeerTool.Socat;
    protected const ushort Address = 20;
    protected const int Count = 8;

    protected static ModbusMasterOptions ShortTimeout(int retries) =>
        new() { ResponseTimeout = TimeSpan.FromMilliseconds(300), Retries = retries, RetryBackoff = TimeSpan.FromMilliseconds(5) };

    protected static ushort[] Expected => [.. PeerDataset.Default.HoldingImage.Skip(Address).Take(Count)];

    protected IFaultServerFixture Server => server;

    public void Dispose()
    {
        server.Faults.Clear(null);
        server.Faults.Clear(OurBank.UnitId);
        GC.SuppressFinalize(this);
    }

    [PeerFact(Needs)]
    public async Task NoFault_ReadWriteRead_MatchesDatasetAndBank()
    {
        await using IModbusMaster master = server.CreateMaster(new ModbusMasterOptions());

        Assert.Equal(Expected, await ReadAsync(master));
        ushort[] values = [0x1357, 0x2468, 0xFFFF];
        await master.WriteMultipleRegistersAsync(OurBank.UnitId, 170, values, CancellationToken.None);
        ushort[] back = new ushort[3];
        await master.ReadHoldingRegistersAsync(OurBank.UnitId, 170, back, CancellationToken.None);

        Assert.Equal(values, back);
        Assert.Equal(values, OurBank.Holding(server.Bank, 170, 3));
        Assert.Equal(3, master.Counters.Requests);
        Assert.Equal(3, master.Counters.Responses);
    }

    [PeerFact(Needs)]
    public async Task NoResponse_TimesOutAfterRetries_CountsTimeouts()
    {
        await using IModbusMaster master = server.CreateMaster(ShortTimeout(retries: 1));
        long injectedBefore = server.Faults.Injected;
        server.Faults.Set(OurBank.UnitId, new ModbusFault(ModbusFaultKind.NoResponse));

        var ex = await Assert.ThrowsAsync<ModbusTimeoutException>(() => ReadAsync(master));

        Assert.Equal(2, ex.Attempts);
        Assert.Equal(2, master.Counters.Timeouts);
        Assert.Equal(2, master.Counters.Requests);
        Assert.Equal(0, master.Counters.Responses);
        Assert.Equal(2, server.Faults.Injected - injectedBefore);

        server.Faults.Clear(OurBank.UnitId);
        Assert.Equal(Expected, await ReadAsync(master));
    }

    [PeerFact(Needs)]
    public async Task ExceptionResponse06_ThrowsServerDeviceBusyWithoutRetry()
    {
        await using IModbusMaster master = server.CreateMaster(ShortTimeout(retries: 2));
        server.Faults.Set(OurBank.UnitId, new ModbusFault(ModbusFaultKind.ExceptionResponse, Exception: ExceptionCode.ServerDeviceBusy), count: 1);

        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => ReadAsync(master));

        Assert.Equal(ExceptionCode.ServerDeviceBusy, ex.Code);
        Assert.Equal(FunctionCode.ReadHoldingRegisters, ex.Function);
        Assert.Equal(1, master.Counters.Requests);
        Assert.Equal(1, master.Counters.ExceptionResponses);
        Assert.Equal(0, master.Counters.Retries);
        Assert.Equal(Expected, await ReadAsync(master));
    }

    [PeerFact(Needs)]
    public async Task WrongUnitId_EveryReply_MasterNeverAcceptsIt()
    {
        await using IModbusMaster master = server.CreateMaster(ShortTimeout(retries: 1));
        server.Faults.Set(OurBank.UnitId, new ModbusFault(ModbusFaultKind.WrongUnitId));

        Exception ex = await Assert.ThrowsAnyAsync<ModbusException>(() => ReadAsync(master));

        AssertWrongUnitFailure(ex, master.Counters);
        Assert.Equal(0, master.Counters.Responses);
        server.Faults.Clear(OurBank.UnitId);
        Assert.Equal(Expected, await ReadAsync(master));
    }

    /// <summary>How this transport reports replies from the wrong unit.</summary>
    protected abstract void AssertWrongUnitFailure(Exception failure, ModbusMasterCounters counters);

    protected static async Task<ushort[]> ReadAsync(IModbusMaster master)
    {
        ArgumentNullException.ThrowIfNull(master);
        ushort[] values = new ushort[Count];
        await master.ReadHoldingRegistersAsync(OurBank.UnitId, Address, values, CancellationToken.None);
        return values;
    }
}
