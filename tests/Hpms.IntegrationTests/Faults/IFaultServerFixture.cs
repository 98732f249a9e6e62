using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>One of our servers with a <see cref="FaultInjector"/>, and a way to build a master that reaches it.</summary>
public interface IFaultServerFixture
{
    FaultInjector Faults { get; }

    RegisterBank Bank { get; }

    ModbusServerCounters Counters { get; }

    IModbusMaster CreateMaster(ModbusMasterOptions options);
}
