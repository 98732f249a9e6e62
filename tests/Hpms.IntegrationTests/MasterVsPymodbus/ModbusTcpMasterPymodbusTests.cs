using Hpms.Protocols.Transports.Modbus;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>ModbusTcpMaster + TcpByteChannel against pymodbus over loopback TCP.</summary>
public sealed class ModbusTcpMasterPymodbusTests(PymodbusTcpFixture fixture)
    : PymodbusMasterTests, IClassFixture<PymodbusTcpFixture>
{
    protected override IModbusMaster CreateMaster(ModbusMasterOptions options) => fixture.CreateMaster(options);
}
