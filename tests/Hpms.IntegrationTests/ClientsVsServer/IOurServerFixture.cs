using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>One of our servers serving <see cref="OurBank"/>, and how the third-party clients reach it.</summary>
public interface IOurServerFixture
{
    RegisterBank Bank { get; }

    ModbusServerCounters Counters { get; }

    /// <summary>Gets libmodbus_client's transport arguments: <c>tcp HOST PORT</c> or <c>rtu DEVICE BAUD</c>.</summary>
    IReadOnlyList<string> LibmodbusTarget { get; }

    /// <summary>Gets mbpoll's mode arguments (<c>-m tcp -p PORT</c> or <c>-m rtu -b ... -P none</c>).</summary>
    IReadOnlyList<string> MbpollMode { get; }

    /// <summary>Gets mbpoll's last argument: host or device.</summary>
    string MbpollDevice { get; }
}
