namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>libmodbus_client over TCP against ModbusTcpServer (MBAP).</summary>
public sealed class LibmodbusClientTcpServerTests(OurTcpServerFixture fixture)
    : LibmodbusClientTests(fixture), IClassFixture<OurTcpServerFixture>;
