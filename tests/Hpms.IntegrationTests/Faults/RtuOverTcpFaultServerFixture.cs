using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>ModbusTcpServer with RTU-over-TCP framing and faults.</summary>
public sealed class RtuOverTcpFaultServerFixture() : TcpFaultServerFixture(ModbusTcpFraming.RtuOverTcp);
