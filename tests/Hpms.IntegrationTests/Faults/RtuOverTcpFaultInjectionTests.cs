namespace Hpms.IntegrationTests.Faults;

/// <summary>ModbusTcpServer (RTU over TCP framing) with faults ↔ ModbusRtuMaster over TcpByteChannel.</summary>
public sealed class RtuOverTcpFaultInjectionTests(RtuOverTcpFaultServerFixture fixture)
    : RtuFaultInjectionTests(fixture), IClassFixture<RtuOverTcpFaultServerFixture>;
