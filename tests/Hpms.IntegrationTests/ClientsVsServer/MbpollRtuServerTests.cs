namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>mbpoll over a pty pair against ModbusRtuServer on the Posix driver.</summary>
public sealed class MbpollRtuServerTests(OurRtuServerFixture fixture)
    : MbpollTests(fixture), IClassFixture<OurRtuServerFixture>;
