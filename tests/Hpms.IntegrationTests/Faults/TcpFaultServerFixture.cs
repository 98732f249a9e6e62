using System.Net;
using Hpms.IntegrationTests.ClientsVsServer;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>ModbusTcpServer on 127.0.0.1:0 (MBAP or RTU over TCP) with faults; masters connect over loopback.</summary>
// xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which releases everything.
#pragma warning disable CA1001
public abstract class TcpFaultServerFixture(ModbusTcpFraming framing) : IFaultServerFixture, IAsyncLifetime
#pragma warning restore CA1001
{
    private ModbusTcpServer? _server;

    public FaultInjector Faults { get; } = new();

    public RegisterBank Bank { get; } = OurBank.Create();

    public ModbusServerCounters Counters => Server.Counters;

    public ModbusTcpServer Server => _server ?? throw new InvalidOperationException("server not started");

    public Task InitializeAsync()
    {
        _server = new ModbusTcpServer(
            new IPEndPoint(IPAddress.Loopback, 0), unit => unit == OurBank.UnitId ? Bank : null, faults: Faults, framing: framing);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public IModbusMaster CreateMaster(ModbusMasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channel = new TcpByteChannel("127.0.0.1", Server.LocalEndPoint.Port);
        if (framing == ModbusTcpFraming.Mbap)
        {
            return new ModbusTcpMaster(channel, options);
        }

        // RTU over TCP has no wire time of its own.
        options.InterFrameSilence = TimeSpan.Zero;
        return new ModbusRtuMaster(channel, options);
    }
}
