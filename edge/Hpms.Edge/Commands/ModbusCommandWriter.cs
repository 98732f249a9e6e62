using System.Globalization;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Registers;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.Edge.Commands;

/// <summary>
/// Writes a command's points with a device's master, in order, stopping at the first failure: coils with
/// FC 05, one register with FC 06, wider values with FC 16, a bit inside a register by reading the
/// register first (FC 03) so its other bits keep their value. Failures become results, not exceptions.
/// </summary>
public static class ModbusCommandWriter
{
    /// <summary>Runs the writes (the caller holds the line; see <see cref="Polling.PollLine.RunExclusiveAsync{T}"/>).</summary>
    /// <param name="master">The device's line master.</param>
    /// <param name="unitId">The device's unit id.</param>
    /// <param name="writes">Planned writes.</param>
    /// <param name="cancellationToken">Stops writing; a cancellation by the timeout becomes <see cref="CommandErrorCodes.Timeout"/>.</param>
    /// <returns>What happened.</returns>
    public static async ValueTask<CommandExecution> WriteAsync(IModbusMaster master, byte unitId, IReadOnlyList<PointWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(writes);
        Dictionary<string, double> written = new(StringComparer.Ordinal);
        foreach (PointWrite write in writes)
        {
            CommandRefusal? refusal = await WriteOneAsync(master, unitId, write, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return new CommandExecution(refusal, written);
            }

            written[write.Point.Name] = write.Value;
        }

        return new CommandExecution(null, written);
    }

    private static async ValueTask<CommandRefusal?> WriteOneAsync(IModbusMaster master, byte unitId, PointWrite write, CancellationToken cancellationToken)
    {
        RegisterPoint point = write.Point;
        try
        {
            if (point.Table.IsBitTable())
            {
                await master.WriteSingleCoilAsync(unitId, point.Address, write.Value != 0, cancellationToken).ConfigureAwait(false);
                return null;
            }

            ushort[] registers = new ushort[point.RegisterCount];
            if (point.Type == RegisterDataType.Bit)
            {
                await master.ReadHoldingRegistersAsync(unitId, point.Address, registers, cancellationToken).ConfigureAwait(false);
            }

            RegisterCodecStatus status = point.TryEncode(write.Value, registers);
            if (status != RegisterCodecStatus.Ok)
            {
                return new(CommandErrorCodes.BadRequest, string.Create(CultureInfo.InvariantCulture, $"{point.Name}: {write.Value} is refused ({status})"));
            }

            if (registers.Length == 1)
            {
                await master.WriteSingleRegisterAsync(unitId, point.Address, registers[0], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await master.WriteMultipleRegistersAsync(unitId, point.Address, registers, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (ModbusExceptionResponseException ex)
        {
            return new(CommandErrorCodes.DeviceError, string.Create(CultureInfo.InvariantCulture, $"{point.Name}: exception {(byte)ex.Code:00} ({ex.Code})"));
        }
        catch (ModbusTimeoutException)
        {
            return new(CommandErrorCodes.Timeout, $"{point.Name}: the device did not answer");
        }
        catch (Exception ex) when (ex is ModbusException or TransportException)
        {
            return new(CommandErrorCodes.DeviceError, $"{point.Name}: {ex.Message}");
        }
    }
}
