using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.Simulators.Endpoints;

/// <summary>A running endpoint: serves its devices and carries out wire faults.</summary>
public interface IEndpointHost : IAsyncDisposable
{
    /// <summary>Gets the endpoint id.</summary>
    string Id { get; }

    /// <summary>Gets where clients connect (host:port, or the pty path).</summary>
    string Address { get; }

    /// <summary>Gets the server's counters, when it is a Modbus endpoint.</summary>
    ModbusServerCounters? Counters { get; }

    /// <summary>Starts serving.</summary>
    /// <param name="cancellationToken">Stops start-up.</param>
    /// <returns>A task that completes once clients can connect.</returns>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Sets a fault for one unit (or all units when null).</summary>
    /// <param name="unitId">The unit, or null.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests; null until cleared.</param>
    void SetFault(byte? unitId, ModbusFault fault, int? count);

    /// <summary>Clears the fault of a unit (or the all-units fault).</summary>
    /// <param name="unitId">The unit, or null.</param>
    void ClearFault(byte? unitId);

    /// <summary>Makes the whole endpoint vanish or come back.</summary>
    /// <param name="gone">True to vanish.</param>
    /// <param name="cancellationToken">Stops the change.</param>
    /// <returns>A task that completes when done.</returns>
    Task SetVanishedAsync(bool gone, CancellationToken cancellationToken);
}
