using System.Diagnostics;
using Hpms.Edge.Devices;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.Edge.Polling;

/// <summary>
/// Reads one device once with its coalesced read plan and turns the answers into points. A read that
/// fails marks its points stale (the last good value, while younger than the stale limit) or bad (no
/// usable value); a value the codec refuses is bad. Never throws for what a device does.
/// </summary>
public static class DevicePoller
{
    /// <summary>Polls a device.</summary>
    /// <param name="device">The device.</param>
    /// <param name="master">The master of its line (not used concurrently by anyone else).</param>
    /// <param name="clock">Wall clock (UTC).</param>
    /// <param name="staleLimit">How old a last good value may be and still be served as stale.</param>
    /// <param name="buffers">Scratch buffers of the line (reused poll after poll), or null.</param>
    /// <param name="cancellationToken">Stops the poll.</param>
    /// <returns>The reading.</returns>
    public static async Task<DeviceReading> PollAsync(
        EdgeDevice device, IModbusMaster master, TimeProvider clock, TimeSpan staleLimit, PollBuffers? buffers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(clock);
        CounterSnapshot before = CounterSnapshot.Of(master.Counters);
        // One timestamp per poll: the device's channels form one line (one row) downstream.
        long stamp = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long started = Stopwatch.GetTimestamp();
        buffers ??= new PollBuffers();
        var points = new List<TelemetryPoint>(device.PointCount);
        ushort[] registers = buffers.Registers;
        bool[] bits = buffers.Bits;
        PointReading[] readings = buffers.Readings;
        bool failed = false;
        bool silent = false;
        int bad = 0;
        int index = 0;
        foreach (ReadBlock block in device.Plan.Blocks)
        {
            // A device that did not answer one read is not asked the rest of this poll: a dead device
            // costs the line one timeout, not one per block.
            BlockOutcome outcome = silent
                ? BlockOutcome.Silent
                : await ReadBlockAsync(master, device.UnitId, block, registers, bits, cancellationToken).ConfigureAwait(false);
            silent |= outcome == BlockOutcome.Silent;
            bool ok = outcome == BlockOutcome.Read;
            long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (ok)
            {
                int n = block.Table.IsBitTable()
                    ? block.Decode(bits.AsSpan(0, block.Count), readings)
                    : block.Decode(registers.AsSpan(0, block.Count), readings);
                for (int i = 0; i < n; i++, index++)
                {
                    PointReading r = readings[i];
                    if (r.IsGood)
                    {
                        device.LastGood.Set(index, r.Value, r.Text, now);
                        points.Add(new TelemetryPoint(device.Tags, r.Point.Name, r.Value, r.Point.Unit, Quality.Good, stamp, r.Text));
                    }
                    else
                    {
                        bad++;
                        points.Add(new TelemetryPoint(device.Tags, r.Point.Name, double.NaN, r.Point.Unit, Quality.Bad, stamp));
                    }
                }
            }
            else
            {
                failed = true;
                foreach (BlockPoint bp in block.Points)
                {
                    points.Add(device.LastGood.TryGet(index, out double value, out string? text, out long at) && now - at <= staleLimit.TotalMilliseconds
                        ? new TelemetryPoint(device.Tags, bp.Point.Name, value, bp.Point.Unit, Quality.Stale, stamp, text)
                        : new TelemetryPoint(device.Tags, bp.Point.Name, double.NaN, bp.Point.Unit, Quality.Bad, stamp));
                    index++;
                }
            }
        }

        device.Counters.AddPoll(Stopwatch.GetElapsedTime(started), failed, bad, before, CounterSnapshot.Of(master.Counters));
        return new DeviceReading(device.Tags, stamp, points, !failed);
    }

    private enum BlockOutcome
    {
        Read,
        Refused,
        Silent,
    }

    private static async Task<BlockOutcome> ReadBlockAsync(
        IModbusMaster master, byte unit, ReadBlock block, ushort[] registers, bool[] bits, CancellationToken cancellationToken)
    {
        try
        {
            switch (block.Table)
            {
                case RegisterTable.Coil:
                    await master.ReadCoilsAsync(unit, block.StartAddress, bits.AsMemory(0, block.Count), cancellationToken).ConfigureAwait(false);
                    break;
                case RegisterTable.DiscreteInput:
                    await master.ReadDiscreteInputsAsync(unit, block.StartAddress, bits.AsMemory(0, block.Count), cancellationToken).ConfigureAwait(false);
                    break;
                case RegisterTable.InputRegister:
                    await master.ReadInputRegistersAsync(unit, block.StartAddress, registers.AsMemory(0, block.Count), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await master.ReadHoldingRegistersAsync(unit, block.StartAddress, registers.AsMemory(0, block.Count), cancellationToken).ConfigureAwait(false);
                    break;
            }

            return BlockOutcome.Read;
        }
        catch (ModbusTimeoutException)
        {
            return BlockOutcome.Silent; // counted by the master
        }
        catch (ModbusException)
        {
            return BlockOutcome.Refused; // exception response, CRC or protocol error: counted by the master; the device is there
        }
        catch (TransportException)
        {
            return BlockOutcome.Silent; // counted by the master as a transport error; it reconnects on the next request
        }
    }
}
