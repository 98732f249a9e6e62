using System.Diagnostics;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.Benchmarks;

/// <summary>Our master in a closed loop: one FC03 read of 10 registers after another, bounded in time and count.</summary>
internal static class ClosedLoop
{
    private const long MaxTransactions = 10_000_000;

    public static async Task<(double TxPerSecond, double MeanUs, long Errors, double AllocPerTx)> RunAsync(
        IModbusMaster master, TimeSpan duration, CancellationToken cancellationToken)
    {
        var registers = new ushort[10];

        // Warm-up: connect, JIT, tiering.
        for (int i = 0; i < 200; i++)
        {
            await master.ReadHoldingRegistersAsync(1, 0, registers, cancellationToken).ConfigureAwait(false);
        }

        long errors = 0;
        long count = 0;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && count < MaxTransactions)
        {
            try
            {
                await master.ReadHoldingRegistersAsync(1, 0, registers, cancellationToken).ConfigureAwait(false);
                count++;
            }
            catch (ModbusException)
            {
                errors++;
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (count / seconds, seconds * 1e6 / Math.Max(1, count), errors, (double)allocated / Math.Max(1, count));
    }
}
