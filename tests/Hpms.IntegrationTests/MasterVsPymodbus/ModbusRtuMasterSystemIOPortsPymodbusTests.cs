using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>ModbusRtuMaster on the System.IO.Ports driver against pymodbus on a pty pair.</summary>
public sealed class ModbusRtuMasterSystemIOPortsPymodbusTests(PymodbusRtuFixture fixture)
    : PymodbusMasterTests, IClassFixture<PymodbusRtuFixture>
{
    protected override IModbusMaster CreateMaster(ModbusMasterOptions options) =>
        fixture.CreateMaster(options, SerialDriverKind.SystemIOPorts);
}
