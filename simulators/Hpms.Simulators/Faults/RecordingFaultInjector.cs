using Hpms.Protocols.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;
using Hpms.Simulators.GroundTruth;

namespace Hpms.Simulators.Faults;

/// <summary>An endpoint's fault injector that also writes every injected fault to the ground truth.</summary>
/// <param name="endpoint">Endpoint id.</param>
/// <param name="truth">Ground truth.</param>
public sealed class RecordingFaultInjector(string endpoint, IGroundTruth truth) : IModbusFaultInjector
{
    /// <summary>Gets the settable faults.</summary>
    public FaultInjector Faults { get; } = new();

    /// <inheritdoc/>
    public ModbusFault Decide(byte unitId, FunctionCode functionCode)
    {
        ModbusFault fault = Faults.Decide(unitId, functionCode);
        if (fault.Kind != ModbusFaultKind.None)
        {
            truth.Fault(endpoint, unitId, (byte)functionCode, fault.Kind.ToString());
        }

        return fault;
    }
}
