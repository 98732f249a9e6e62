using System.Globalization;
using System.Net;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>ModbusTcpServer (MBAP) on 127.0.0.1, port 0, serving a fresh <see cref="OurBank"/> for unit 1.</summary>
// xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which releases everything.
#pragma warning disable CA1001
public sealed class OurTcpServerFixture : IOurServerFixture, IAsyncLifetime
{
    private ModbusTcpServer? _server;

    public RegisterBank Bank { get; } = OurBank.Create();

    public ModbusServerCounters Counters => Server.Counters;

    public ModbusTcpServer Server => _server ?? throw new InvalidOperationException("server not started");

    public int Port => Server.LocalEndPoint.Port;

    public IReadOnlyList<string> LibmodbusTarget => ["tcp", "127.0.0.1", Port.ToString(CultureInfo.InvariantCulture)];

    public IReadOnlyList<string> MbpollMode => ["-m", "tcp", "-p", Port.ToString(CultureInfo.InvariantCulture)];

    public string MbpollDevice => "127.0.0.1";

    public Task InitializeAsync()
    {
        _server = new ModbusTcpServer(new IPEndPoint(IPAddress.Loopback, 0), unit => unit == OurBank.UnitId ? Bank : null);
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
}
#pragma warning restore CA1001
