using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>One pymodbus TCP server per test class.</summary>
public sealed class PymodbusTcpFixture : IAsyncLifetime
{
    private PymodbusServer? _server;

    public PymodbusServer Server => _server ?? throw new InvalidOperationException("pymodbus is not running (peer missing).");

    public async Task InitializeAsync()
    {
        if (PeerTools.RequireOrSkip(PeerTool.Pymodbus) is not null)
        {
            return;
        }

        _server = await PymodbusServer.StartTcpAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public IModbusMaster CreateMaster(ModbusMasterOptions options) =>
        new ModbusTcpMaster(new TcpByteChannel("127.0.0.1", Server.Port), options);
}
