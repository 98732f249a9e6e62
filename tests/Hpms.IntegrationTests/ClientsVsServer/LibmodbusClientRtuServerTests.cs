namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>libmodbus_client over a pty pair against ModbusRtuServer on the Posix driver.</summary>
public sealed class LibmodbusClientRtuServerTests(OurRtuServerFixture fixture)
    : LibmodbusClientTests(fixture), IClassFixture<OurRtuServerFixture>;
