namespace Hpms.Edge.Sensors;

/// <summary>What an <see cref="Sht3xDriver"/> has done, for metrics.</summary>
public sealed class Sht3xCounters
{
    /// <summary>Measurements that returned checked data.</summary>
    public long Measurements { get; internal set; }

    /// <summary>Transactions that failed on the bus (NACK, I/O error).</summary>
    public long BusErrors { get; internal set; }

    /// <summary>Replies with a wrong CRC-8.</summary>
    public long CrcErrors { get; internal set; }
}
