using System.IO.Ports;
using Hpms.IntegrationTests.ClientsVsServer;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>ModbusRtuServer with faults on end A of a pty pair (Posix, 115200 8N1); masters use end B.</summary>
// xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which releases everything.
#pragma warning disable CA1001
public sealed class PtyFaultServerFixture : IFaultServerFixture, IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _stop = new();
    private PtyPair? _pty;
    private IByteChannel? _channel;
    private ModbusRtuServer? _server;
    private Task? _serving;

    public FaultInjector Faults { get; } = new();

    public RegisterBank Bank { get; } = OurBank.Create();

    public ModbusServerCounters Counters => Server.Counters;

    public ModbusRtuServer Server => _server ?? throw new InvalidOperationException("server not started (peer missing)");

    public async Task InitializeAsync()
    {
        if (PeerTools.RequireOrSkip(PeerTool.Socat) is not null)
        {
            return;
        }

        _pty = await TestPty.StartAsync();
        _channel = SerialByteChannelFactory.Create(Line(_pty.A));
        await _channel.OpenAsync(CancellationToken.None);
        _server = new ModbusRtuServer(unit => unit == OurBank.UnitId ? Bank : null, new ModbusServerOptions { BaudRate = 115200 }, Faults);
        _serving = Task.Run(() => _server.ServeAsync(_channel, _stop.Token));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_serving is not null)
        {
            try
            {
                await _serving;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }

        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        if (_pty is not null)
        {
            _pty.Dispose();
        }

        _stop.Dispose();
    }

    public IModbusMaster CreateMaster(ModbusMasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BaudRate = 115200;
        PtyPair pty = _pty ?? throw new InvalidOperationException("pty pair not started (peer missing)");
        return new ModbusRtuMaster(SerialByteChannelFactory.Create(Line(pty.B)), options);
    }

    private static SerialLineOptions Line(string path) => new()
    {
        PortName = path,
        BaudRate = 115200,
        Parity = Parity.None,
        StopBits = StopBits.One,
        Driver = SerialDriverKind.Posix,
    };
}
