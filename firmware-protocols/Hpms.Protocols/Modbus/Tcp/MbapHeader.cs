namespace Hpms.Protocols.Modbus.Tcp;

/// <summary>The Modbus Application Protocol header that prefixes every PDU on TCP (Modbus Messaging on TCP/IP §3.1.3).</summary>
/// <param name="TransactionId">Pairs a response with its request.</param>
/// <param name="ProtocolId">Always 0 for Modbus.</param>
/// <param name="Length">Bytes that follow the length field: unit id plus PDU.</param>
/// <param name="UnitId">The addressed unit behind a gateway (0xFF or 0 when the server is the device).</param>
public readonly record struct MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>Length of the PDU that follows the header.</summary>
    public int PduLength => Length - 1;
}
