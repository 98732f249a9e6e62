using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Server;

namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>
/// What TCP and RTU servers share once a request PDU is framed: find the unit's data store,
/// ask the fault injector, process, count. Returns the response PDU length, 0 for no reply.
/// </summary>
internal sealed class ModbusRequestHandler(
    Func<byte, IModbusDataStore?> units, IModbusFaultInjector? faults, ModbusServerCounters counters)
{
    public ModbusServerCounters Counters { get; } = counters;

    public int Handle(byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out ModbusFault fault)
    {
        Counters.Request();
        fault = ModbusFault.None;
        IModbusDataStore? store = units(unitId);
        if (store is null)
        {
            // Not one of ours: a device on a shared bus stays silent for other units.
            Counters.Ignored();
            return 0;
        }

        fault = faults?.Decide(unitId, request.IsEmpty ? 0 : (FunctionCode)request[0]) ?? ModbusFault.None;
        if (fault.Kind != ModbusFaultKind.None)
        {
            Counters.Fault();
        }

        if (fault.Kind is ModbusFaultKind.NoResponse or ModbusFaultKind.DropConnection)
        {
            return 0;
        }

        int length = fault.Kind == ModbusFaultKind.ExceptionResponse
            ? ResponsePdu.EncodeException(response, request.IsEmpty ? (byte)0 : request[0], fault.Exception)
            : ModbusRequestProcessor.Process(request, response, store);
        Counters.Response(isException: (response[0] & 0x80) != 0);
        return length;
    }
}
