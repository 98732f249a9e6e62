using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.IntegrationTests.Faults;

/// <summary>ModbusTcpServer with MBAP framing and faults.</summary>
public sealed class MbapFaultServerFixture() : TcpFaultServerFixture(ModbusTcpFraming.Mbap);
