using System.Buffers.Binary;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Registers;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>
/// Our master against pymodbus serving peer-dataset.json. One subclass per transport; every
/// expectation comes from the dataset (generated with Python's struct), never from our own code.
/// </summary>
public abstract class PymodbusMasterTests : IAsyncLifetime
{
    protected const PeerTool Needs = PeerTool.Pymodbus | PeerTool.Socat;

    private IModbusMaster? _master;

    protected static PeerDataset Dataset => PeerDataset.Default;

    protected IModbusMaster Master => _master ?? throw new InvalidOperationException("master not created");

    protected static byte Unit => Dataset.DefaultUnitId;

    public static TheoryData<string> TypedEntryNames()
    {
        var data = new TheoryData<string>();
        foreach (PeerDatasetEntry entry in PeerDataset.Default.Entries)
        {
            data.Add(entry.Name);
        }

        return data;
    }

    public Task InitializeAsync()
    {
        _master = CreateMaster(new ModbusMasterOptions());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_master is not null)
        {
            await _master.DisposeAsync();
        }
    }

    [PeerFact(Needs)]
    public void Dataset_CoversEveryTypeInEveryWordOrderPlusStrings()
    {
        string[] types = ["int16", "uint16", "int32", "uint32", "float32", "int64", "uint64", "float64"];
        foreach (string type in types)
        {
            foreach (WordOrder order in Enum.GetValues<WordOrder>())
            {
                Assert.Single(Dataset.Entries, e => e.Type == type && e.WordOrder == order);
            }
        }

        Assert.Equal(2, Dataset.Entries.Count(e => e.Type == "ascii"));
    }

    [PeerTheory(Needs)]
    [MemberData(nameof(TypedEntryNames))]
    public async Task ReadHolding_DatasetEntry_RawWordsAndDecodedValueMatchDataset(string name)
    {
        PeerDatasetEntry entry = Dataset.Entry(name);
        ushort[] registers = new ushort[entry.Registers.Count];

        await Master.ReadHoldingRegistersAsync(Unit, (ushort)entry.Address, registers, CancellationToken.None);

        Assert.Equal(entry.Registers, registers);
        switch (entry.DataType)
        {
            case RegisterDataType.Int16 or RegisterDataType.Int32 or RegisterDataType.Int64:
                Assert.Equal(RegisterCodecStatus.Ok, RegisterValueCodec.TryDecodeSigned(registers, entry.DataType, entry.WordOrder, out long signed));
                Assert.Equal(entry.Value.GetInt64(), signed);
                break;
            case RegisterDataType.UInt16 or RegisterDataType.UInt32 or RegisterDataType.UInt64:
                Assert.Equal(RegisterCodecStatus.Ok, RegisterValueCodec.TryDecodeUnsigned(registers, entry.DataType, entry.WordOrder, out ulong unsigned));
                Assert.Equal(entry.Value.GetUInt64(), unsigned);
                break;
            case RegisterDataType.Float32 or RegisterDataType.Float64:
                Assert.Equal(RegisterCodecStatus.Ok, RegisterValueCodec.TryDecodeFloat(registers, entry.DataType, entry.WordOrder, out double real));
                Assert.Equal(entry.Value.GetDouble(), real);
                break;
            default:
                // The codec reads strings high byte first (ABCD); a BADC string has each register's bytes swapped.
                ushort[] ordered = entry.WordOrder == WordOrder.BADC
                    ? [.. registers.Select(BinaryPrimitives.ReverseEndianness)]
                    : registers;
                Assert.Equal(entry.Value.GetString(), RegisterValueCodec.DecodeString(ordered));
                break;
        }

        AssertCleanCounters(Master, transactions: 1);
    }

    [PeerFact(Needs)]
    public async Task ReadHolding_WholeTableInTwoReads_MatchesHoldingImage()
    {
        ushort[] all = new ushort[Dataset.HoldingCount];
        int scratch = Dataset.HoldingScratch.First;

        await Master.ReadHoldingRegistersAsync(Unit, 0, all.AsMemory(0, 125), CancellationToken.None);
        await Master.ReadHoldingRegistersAsync(Unit, 125, all.AsMemory(125), CancellationToken.None);

        // The scratch range may hold other tests' writes (restored in finally, but be strict only outside it).
        Assert.Equal(Dataset.HoldingImage.Take(scratch), all.Take(scratch));
        AssertCleanCounters(Master, transactions: 2);
    }

    [PeerFact(Needs)]
    public async Task ReadInput_WholeRampInReadsOf125_MatchesFormula()
    {
        int count = Dataset.InputCount;
        ushort[] all = new ushort[count];
        int reads = 0;
        for (int start = 0; start < count; start += 125)
        {
            int n = Math.Min(125, count - start);
            await Master.ReadInputRegistersAsync(Unit, (ushort)start, all.AsMemory(start, n), CancellationToken.None);
            reads++;
        }

        Assert.Equal(Enumerable.Range(0, count).Select(PeerDataset.InputRegister), all);
        AssertCleanCounters(Master, reads);
    }

    [PeerFact(Needs)]
    public async Task ReadCoils_All2000InOneRead_MatchPattern()
    {
        bool[] coils = new bool[Dataset.CoilCount];

        await Master.ReadCoilsAsync(Unit, 0, coils, CancellationToken.None);

        int scratch = Dataset.CoilScratch.First;
        Assert.Equal(Enumerable.Range(0, scratch).Select(PeerDataset.Coil), coils.Take(scratch));
        AssertCleanCounters(Master, transactions: 1);
    }

    [PeerFact(Needs)]
    public async Task ReadDiscreteInputs_All2000InOneRead_MatchPattern()
    {
        bool[] inputs = new bool[Dataset.DiscreteCount];

        await Master.ReadDiscreteInputsAsync(Unit, 0, inputs, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, Dataset.DiscreteCount).Select(PeerDataset.Discrete), inputs);
        AssertCleanCounters(Master, transactions: 1);
    }

    [PeerFact(Needs)]
    public async Task ReadDiscreteInputs_OddCountAtOddAddress_MatchPattern()
    {
        bool[] inputs = new bool[13];

        await Master.ReadDiscreteInputsAsync(Unit, 1987, inputs, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1987, 13).Select(PeerDataset.Discrete), inputs);
    }

    [PeerFact(Needs)]
    public async Task WriteSingleCoil_Fc05_ReadBackShowsNewStates()
    {
        ushort a = (ushort)(Dataset.CoilScratch.First + 3);
        try
        {
            await Master.WriteSingleCoilAsync(Unit, a, !PeerDataset.Coil(a), CancellationToken.None);
            await Master.WriteSingleCoilAsync(Unit, (ushort)(a + 1), !PeerDataset.Coil(a + 1), CancellationToken.None);
            bool[] back = new bool[4];
            await Master.ReadCoilsAsync(Unit, (ushort)(a - 1), back, CancellationToken.None);

            Assert.Equal([PeerDataset.Coil(a - 1), !PeerDataset.Coil(a), !PeerDataset.Coil(a + 1), PeerDataset.Coil(a + 2)], back);
            AssertCleanCounters(Master, transactions: 3);
        }
        finally
        {
            await RestoreCoilsAsync(a, 2);
        }
    }

    [PeerFact(Needs)]
    public async Task WriteMultipleCoils_Fc15OddCount_ReadBackShowsNewStates()
    {
        ushort a = (ushort)(Dataset.CoilScratch.First + 20);
        bool[] values = [.. Enumerable.Range(0, 37).Select(i => (i * 7 % 5) < 2)];
        try
        {
            await Master.WriteMultipleCoilsAsync(Unit, a, values, CancellationToken.None);
            bool[] back = new bool[39];
            await Master.ReadCoilsAsync(Unit, (ushort)(a - 1), back, CancellationToken.None);

            Assert.Equal([PeerDataset.Coil(a - 1), .. values, PeerDataset.Coil(a + 37)], back);
        }
        finally
        {
            await RestoreCoilsAsync(a, values.Length);
        }
    }

    [PeerFact(Needs)]
    public async Task WriteSingleRegister_Fc06_ReadBackShowsValue()
    {
        ushort a = (ushort)(Dataset.HoldingScratch.First + 1);
        try
        {
            await Master.WriteSingleRegisterAsync(Unit, a, 0xBEEF, CancellationToken.None);
            ushort[] back = new ushort[3];
            await Master.ReadHoldingRegistersAsync(Unit, (ushort)(a - 1), back, CancellationToken.None);

            Assert.Equal([Dataset.HoldingImage[a - 1], (ushort)0xBEEF, Dataset.HoldingImage[a + 1]], back);
        }
        finally
        {
            await RestoreHoldingAsync(a, 1);
        }
    }

    [PeerFact(Needs)]
    public async Task WriteMultipleRegisters_Fc16_ReadBackShowsValues()
    {
        ushort a = (ushort)(Dataset.HoldingScratch.First + 5);
        ushort[] values = [1, 0x8000, 0xFFFF, 0x1234, 42, 0, 7, 65535, 0xA5A5, 3];
        try
        {
            await Master.WriteMultipleRegistersAsync(Unit, a, values, CancellationToken.None);
            ushort[] back = new ushort[values.Length];
            await Master.ReadHoldingRegistersAsync(Unit, a, back, CancellationToken.None);

            Assert.Equal(values, back);
        }
        finally
        {
            await RestoreHoldingAsync(a, values.Length);
        }
    }

    [PeerFact(Needs)]
    public async Task ReadWriteMultipleRegisters_Fc23_WritesBeforeReading()
    {
        ushort write = (ushort)(Dataset.HoldingScratch.First + 22);
        ushort read = (ushort)(write - 2);
        ushort[] values = [0x0102, 0xFEDC, 0x7FFF];
        try
        {
            ushort[] got = new ushort[7];
            await Master.ReadWriteMultipleRegistersAsync(Unit, read, got, write, values, CancellationToken.None);

            // pymodbus (and the spec, §6.17) performs the write first: the read sees the new values.
            Assert.Equal(
                [Dataset.HoldingImage[read], Dataset.HoldingImage[read + 1], .. values, Dataset.HoldingImage[write + 3], Dataset.HoldingImage[write + 4]],
                got);
        }
        finally
        {
            await RestoreHoldingAsync(write, values.Length);
        }
    }

    [PeerFact(Needs)]
    public async Task ReadHolding_FarAddress_ThrowsIllegalDataAddressWithoutRetry()
    {
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Master.ReadHoldingRegistersAsync(Unit, 500, new ushort[1], CancellationToken.None).AsTask());

        Assert.Equal(ExceptionCode.IllegalDataAddress, ex.Code);
        Assert.Equal(FunctionCode.ReadHoldingRegisters, ex.Function);
        Assert.Equal(1, Master.Counters.Requests);
        Assert.Equal(1, Master.Counters.Responses);
        Assert.Equal(1, Master.Counters.ExceptionResponses);
        Assert.Equal(0, Master.Counters.Retries);
    }

    [PeerFact(Needs)]
    public async Task Read_QuantityBeyondTableEnd_ThrowsIllegalDataAddress()
    {
        var holding = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Master.ReadHoldingRegistersAsync(Unit, (ushort)(Dataset.HoldingCount - 1), new ushort[2], CancellationToken.None).AsTask());
        var input = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Master.ReadInputRegistersAsync(Unit, (ushort)(Dataset.InputCount - 1), new ushort[2], CancellationToken.None).AsTask());
        var coils = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Master.ReadCoilsAsync(Unit, (ushort)(Dataset.CoilCount - 1), new bool[2], CancellationToken.None).AsTask());

        Assert.Equal(ExceptionCode.IllegalDataAddress, holding.Code);
        Assert.Equal(ExceptionCode.IllegalDataAddress, input.Code);
        Assert.Equal(ExceptionCode.IllegalDataAddress, coils.Code);
        Assert.Equal(3, Master.Counters.ExceptionResponses);

        // The link is still in step after exception responses.
        ushort[] last = new ushort[1];
        await Master.ReadHoldingRegistersAsync(Unit, (ushort)(Dataset.HoldingCount - 1), last, CancellationToken.None);
        Assert.Equal(Dataset.HoldingImage[^1], last[0]);
        Assert.Equal(Master.Counters.Requests, Master.Counters.Responses);
    }

    [PeerFact(Needs)]
    public async Task Read_WrongUnitId_TimesOutAfterRetriesAndCountsTimeouts()
    {
        // One opener per pty end: the default master gives way to this one.
        await Master.DisposeAsync();
        var options = new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300), Retries = 1 };
        await using IModbusMaster master = CreateMaster(options);
        byte wrongUnit = (byte)(Dataset.DefaultUnitId + 1);

        var ex = await Assert.ThrowsAsync<ModbusTimeoutException>(
            () => master.ReadHoldingRegistersAsync(wrongUnit, 0, new ushort[1], CancellationToken.None).AsTask());

        Assert.Equal(2, ex.Attempts);
        Assert.Equal(wrongUnit, ex.UnitId);
        Assert.Equal(2, master.Counters.Requests);
        Assert.Equal(2, master.Counters.Timeouts);
        Assert.Equal(1, master.Counters.Retries);
        Assert.Equal(0, master.Counters.Responses);

        // The right unit still answers on the same master afterwards.
        ushort[] first = new ushort[1];
        await master.ReadHoldingRegistersAsync(Unit, 0, first, CancellationToken.None);
        Assert.Equal(Dataset.HoldingImage[0], first[0]);
        Assert.Equal(3, master.Counters.Requests);
        Assert.Equal(1, master.Counters.Responses);
    }

    [PeerFact(Needs)]
    public async Task ManyTransactions_MixedFunctions_CountersConsistent()
    {
        const int Rounds = 20;
        PeerDatasetEntry entry = Dataset.Entry("float64_DCBA");
        for (int i = 0; i < Rounds; i++)
        {
            ushort[] regs = new ushort[entry.Registers.Count];
            await Master.ReadHoldingRegistersAsync(Unit, (ushort)entry.Address, regs, CancellationToken.None);
            Assert.Equal(entry.Registers, regs);
            ushort[] input = new ushort[3];
            await Master.ReadInputRegistersAsync(Unit, (ushort)(i * 11), input, CancellationToken.None);
            Assert.Equal(Enumerable.Range(i * 11, 3).Select(PeerDataset.InputRegister), input);
        }

        AssertCleanCounters(Master, transactions: 2 * Rounds);
        Assert.True(Master.Counters.MeanLatency > TimeSpan.Zero);
    }

    /// <summary>Builds a master for this transport; the test disposes it.</summary>
    protected abstract IModbusMaster CreateMaster(ModbusMasterOptions options);

    protected static void AssertCleanCounters(IModbusMaster master, long transactions)
    {
        ArgumentNullException.ThrowIfNull(master);
        ModbusMasterCounters c = master.Counters;
        Assert.Equal(transactions, c.Requests);
        Assert.Equal(transactions, c.Responses);
        Assert.Equal(0, c.Timeouts);
        Assert.Equal(0, c.Retries);
        Assert.Equal(0, c.CrcErrors);
        Assert.Equal(0, c.ProtocolErrors);
        Assert.Equal(0, c.TransportErrors);
        Assert.Equal(0, c.ExceptionResponses);
        Assert.Equal(0, c.StaleResponses);
        Assert.Equal(1, c.Reconnects);
    }

    private async Task RestoreCoilsAsync(ushort address, int count)
    {
        // Through the test's own master: a second opener of the same pty end would race it for the replies.
        bool[] pattern = [.. Enumerable.Range(address, count).Select(PeerDataset.Coil)];
        await Master.WriteMultipleCoilsAsync(Unit, address, pattern, CancellationToken.None);
    }

    private async Task RestoreHoldingAsync(ushort address, int count)
    {
        ushort[] image = [.. Dataset.HoldingImage.Skip(address).Take(count)];
        await Master.WriteMultipleRegistersAsync(Unit, address, image, CancellationToken.None);
    }
}
