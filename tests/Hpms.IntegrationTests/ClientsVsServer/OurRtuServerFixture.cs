using System.IO.Ports;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>
/// ModbusRtuServer.ServeAsync on end A of a socat pty pair (Posix driver, 115200 8N1) serving a
/// fresh <see cref="OurBank"/>; third-party clients open end B.
/// </summary>
// xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which releases everything.
#pragma warning disable CA1001
public sealed class OurRtuServerFixture : IOurServerFixture, IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private PtyPair? _pty;
    private IByteChannel? _channel;
    private ModbusRtuServer? _server;
    private Task? _serving;

    public RegisterBank Bank { get; } = OurBank.Create();

    public ModbusServerCounters Counters => Server.Counters;

    public ModbusRtuServer Server => _server ?? throw new InvalidOperationException("server not started (peer missing)");

    public PtyPair Pty => _pty ?? throw new InvalidOperationException("pty pair not started (peer missing)");

    public IReadOnlyList<string> LibmodbusTarget => ["rtu", Pty.B, "115200"];

    public IReadOnlyList<string> MbpollMode => ["-m", "rtu", "-b", "115200", "-d", "8", "-s", "1", "-P", "none"];

    public string MbpollDevice => Pty.B;

    /// <summary>Gets the serving loop, to check it is still alive.</summary>
    public Task Serving => _serving ?? Task.CompletedTask;

    public async Task InitializeAsync()
    {
        if (PeerTools.RequireOrSkip(PeerTool.Socat) is not null)
        {
            return;
        }

        _pty = await TestPty.StartAsync();
        _channel = SerialByteChannelFactory.Create(new SerialLineOptions
        {
            PortName = _pty.A,
            BaudRate = 115200,
            Parity = Parity.None,
            StopBits = StopBits.One,
            Driver = SerialDriverKind.Posix,
        });
        await _channel.OpenAsync(CancellationToken.None);
        _server = new ModbusRtuServer(unit => unit == OurBank.UnitId ? Bank : null, new ModbusServerOptions { BaudRate = 115200 });
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
}
#pragma warning restore CA1001
