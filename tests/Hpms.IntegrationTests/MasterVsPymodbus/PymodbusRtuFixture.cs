using System.IO.Ports;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>One socat pty pair with pymodbus (RTU, 115200 8N1) on end A per test class; masters use end B.</summary>
public sealed class PymodbusRtuFixture : IAsyncLifetime
{
    private PtyPair? _pty;
    private PymodbusServer? _server;

    public PtyPair Pty => _pty ?? throw new InvalidOperationException("pty pair is not running (peer missing).");

    public PymodbusServer Server => _server ?? throw new InvalidOperationException("pymodbus is not running (peer missing).");

    public async Task InitializeAsync()
    {
        if (PeerTools.RequireOrSkip(PeerTool.Pymodbus | PeerTool.Socat) is not null)
        {
            return;
        }

        _pty = await TestPty.StartAsync();
        _server = await PymodbusServer.StartRtuAsync(_pty.A);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_pty is not null)
        {
            _pty.Dispose();
        }
    }

    public IModbusMaster CreateMaster(ModbusMasterOptions options, SerialDriverKind driver)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BaudRate = 115200;
        IByteChannel channel = SerialByteChannelFactory.Create(new SerialLineOptions
        {
            PortName = Pty.B,
            BaudRate = 115200,
            Parity = Parity.None,
            StopBits = StopBits.One,
            DataBits = 8,
            Driver = driver,
        });
        return new ModbusRtuMaster(channel, options);
    }
}
