using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>What one request/response exchange on the wire produced, before the PDU is checked against the request.</summary>
/// <param name="Status">Ok when a frame for this transaction arrived; otherwise why the framing failed.</param>
/// <param name="Pdu">The response PDU (valid until the next exchange), empty for a broadcast.</param>
/// <param name="IsBroadcast">True when no response is expected (unit 0 on a serial line).</param>
internal readonly record struct ExchangeResult(DecodeStatus Status, ReadOnlyMemory<byte> Pdu, bool IsBroadcast = false);
