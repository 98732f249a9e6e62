using Hpms.IntegrationTests.ClientsVsServer;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>ModbusTcpServer (MBAP) with faults ↔ ModbusTcpMaster over loopback TCP.</summary>
public sealed class MbapFaultInjectionTests(MbapFaultServerFixture fixture)
    : FaultInjectionTests(fixture), IClassFixture<MbapFaultServerFixture>
{
    [PeerFact(Needs)]
    public async Task DropConnectionOnce_RetryReconnectsAndSucceeds()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 1));
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.DropConnection), count: 1);

        ushort[] values = await ReadAsync(master);

        Assert.Equal(Expected, values);
        Assert.True(master.Counters.Reconnects >= 2, $"Reconnects {master.Counters.Reconnects}");
        Assert.Equal(1, master.Counters.TransportErrors);
    }

    [PeerFact(Needs)]
    public async Task DropConnectionWithoutRetry_ThrowsTransportException_NextCallReconnects()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 0));
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.DropConnection), count: 1);

        await Assert.ThrowsAsync<TransportException>(() => ReadAsync(master));
        Assert.Equal(Expected, await ReadAsync(master));

        Assert.Equal(2, master.Counters.Reconnects);
    }

    [PeerFact(Needs)]
    public async Task DelayBeyondTimeout_LateReplySkippedAsStale_RetryAndNextReturnRightData()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 1));
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.Delay, Delay: TimeSpan.FromMilliseconds(500)), count: 1);

        Assert.Equal(Expected, await ReadAsync(master));
        ushort[] input = new ushort[5];
        await master.ReadInputRegistersAsync(OurBank.UnitId, 40, input, CancellationToken.None);

        Assert.Equal(Enumerable.Range(40, 5).Select(OurBank.InputRegister), input);
        Assert.True(master.Counters.StaleResponses >= 1, $"StaleResponses {master.Counters.StaleResponses}");
        Assert.Equal(1, master.Counters.Timeouts);
        Assert.Equal(1, master.Counters.Reconnects);
    }

    [PeerFact(Needs)]
    public async Task DelayBeyondTimeoutWithoutRetry_TimesOut_NextTransactionSkipsStaleReply()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 0));
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.Delay, Delay: TimeSpan.FromMilliseconds(500)), count: 1);

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => ReadAsync(master));
        Assert.Equal(Expected, await ReadAsync(master));

        Assert.True(master.Counters.StaleResponses >= 1, $"StaleResponses {master.Counters.StaleResponses}");
    }

    [PeerFact(Needs)]
    public async Task CorruptMbapHeaderOnce_MasterReconnectsAndRetrySucceeds()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 1));
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.CorruptFrame), count: 1);

        Assert.Equal(Expected, await ReadAsync(master));

        Assert.Equal(1, master.Counters.ProtocolErrors);
        Assert.True(master.Counters.Reconnects >= 2, $"Reconnects {master.Counters.Reconnects}");
    }

    protected override void AssertWrongUnitFailure(Exception failure, ModbusMasterCounters counters)
    {
        // ModbusTcpMaster matches replies by transaction id; a matching id with another unit id is
        // reported as a protocol error (UnitMismatch) instead of being waited out.
        ArgumentNullException.ThrowIfNull(counters);
        var protocol = Assert.IsType<ModbusProtocolException>(failure);
        Assert.Equal(DecodeStatus.UnitMismatch, protocol.Reason);
        Assert.Equal(2, counters.ProtocolErrors);
    }
}
