using Hpms.Edge.Configuration;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.Edge.Polling;

/// <summary>Creates the master of a line from the configuration of its (first) device.</summary>
public static class ModbusMasterFactory
{
    /// <summary>Creates a master; nothing is opened until the first request.</summary>
    /// <param name="device">A device of the line.</param>
    /// <returns>The master.</returns>
    public static IModbusMaster Create(DeviceOptions device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var options = new ModbusMasterOptions { ResponseTimeout = device.Timeout, Retries = device.Retries, BaudRate = device.BaudRate };
        return device.Transport switch
        {
            DeviceTransport.ModbusTcp => new ModbusTcpMaster(new TcpByteChannel(device.Host, device.Port), options),

            // The serial device server keeps the line's silences; over TCP there is none to keep.
            DeviceTransport.RtuOverTcp => new ModbusRtuMaster(
                new TcpByteChannel(device.Host, device.Port),
                new ModbusMasterOptions { ResponseTimeout = device.Timeout, Retries = device.Retries, BaudRate = device.BaudRate, InterFrameSilence = TimeSpan.Zero }),
            DeviceTransport.ModbusRtu => new ModbusRtuMaster(
                SerialByteChannelFactory.Create(new SerialLineOptions
                {
                    PortName = device.SerialPort,
                    BaudRate = device.BaudRate,
                    Parity = device.Parity,
                    StopBits = device.StopBits,
                }),
                options),
            _ => throw new ArgumentException($"{device.Id}: {device.Transport} is not a Modbus transport.", nameof(device)),
        };
    }
}
