using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>ModbusRtuMaster on the Posix serial driver, default t3.5 silence, against pymodbus on a pty pair.</summary>
public sealed class ModbusRtuMasterPosixPymodbusTests(PymodbusRtuFixture fixture)
    : PymodbusMasterTests, IClassFixture<PymodbusRtuFixture>
{
    protected override IModbusMaster CreateMaster(ModbusMasterOptions options) =>
        fixture.CreateMaster(options, SerialDriverKind.Posix);
}
