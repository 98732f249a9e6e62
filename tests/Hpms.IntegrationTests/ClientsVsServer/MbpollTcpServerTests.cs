namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>mbpoll over TCP against ModbusTcpServer (MBAP).</summary>
public sealed class MbpollTcpServerTests(OurTcpServerFixture fixture)
    : MbpollTests(fixture), IClassFixture<OurTcpServerFixture>;
