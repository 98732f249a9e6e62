using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>Faults only an RTU framing can show: bad CRC and line noise. Subclassed for the pty and RTU over TCP.</summary>
public abstract class RtuFaultInjectionTests(IFaultServerFixture server) : FaultInjectionTests(server)
{
    [PeerFact(Needs)]
    public async Task CorruptFrameOnce_CrcErrorCounted_RetryReturnsRightValues()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 1));
        await ReadAsync(master); // connect and warm up first: a slow first exchange must not pass for a timeout
        (long crc, long retries, long requests, long responses) =
            (master.Counters.CrcErrors, master.Counters.Retries, master.Counters.Requests, master.Counters.Responses);
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.CorruptFrame), count: 1);

        ushort[] values = await ReadAsync(master);

        Assert.Equal(Expected, values);
        Assert.True(master.Counters.CrcErrors - crc >= 1, $"CrcErrors {master.Counters.CrcErrors - crc}, timeouts {master.Counters.Timeouts}");
        Assert.Equal(1, master.Counters.Retries - retries);
        Assert.Equal(2, master.Counters.Requests - requests);
        Assert.Equal(1, master.Counters.Responses - responses);
    }

    [PeerFact(Needs)]
    public async Task CorruptFrameAlways_NoValidReply_Fails()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 1));
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.CorruptFrame));

        await Assert.ThrowsAnyAsync<ModbusException>(() => ReadAsync(master));

        Assert.True(master.Counters.CrcErrors >= 2, $"CrcErrors {master.Counters.CrcErrors}");
        Assert.Equal(0, master.Counters.Responses);
    }

    [PeerFact(Needs)]
    public async Task NoiseBeforeEveryResponse_MasterResynchronisesWithoutRetries()
    {
        await using IModbusMaster master = Server.CreateMaster(ShortTimeout(retries: 0));
        Server.Faults.Set(null, new ModbusFault(ModbusFaultKind.NoiseBeforeResponse, NoiseBytes: 16));
        const int Rounds = 20;

        for (int i = 0; i < Rounds; i++)
        {
            Assert.Equal(Expected, await ReadAsync(master));
        }

        Assert.Equal(Rounds, master.Counters.Responses);
        Assert.Equal(0, master.Counters.Timeouts);
    }

    protected override void AssertWrongUnitFailure(Exception failure, ModbusMasterCounters counters)
    {
        // A frame from another unit is not ours (shared bus): the master keeps waiting and times out.
        ArgumentNullException.ThrowIfNull(counters);
        var timeout = Assert.IsType<ModbusTimeoutException>(failure);
        Assert.Equal(2, timeout.Attempts);
        Assert.Equal(2, counters.Timeouts);
    }
}
