using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>ModbusRtuMaster on the Posix driver with InterFrameSilence zero (a pty has no wire time).</summary>
public sealed class ModbusRtuMasterPosixNoSilencePymodbusTests(PymodbusRtuFixture fixture)
    : PymodbusMasterTests, IClassFixture<PymodbusRtuFixture>
{
    protected override IModbusMaster CreateMaster(ModbusMasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.InterFrameSilence = TimeSpan.Zero;
        return fixture.CreateMaster(options, SerialDriverKind.Posix);
    }
}
