using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>Decides, per request, whether the server misbehaves. Called on the server's thread.</summary>
public interface IModbusFaultInjector
{
    /// <summary>Chooses the fault for one request.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="functionCode">The function code requested.</param>
    /// <returns>The fault, or <see cref="ModbusFault.None"/>.</returns>
    ModbusFault Decide(byte unitId, FunctionCode functionCode);
}
