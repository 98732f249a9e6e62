namespace Hpms.IntegrationTests.Faults;

/// <summary>ModbusRtuServer with faults ↔ ModbusRtuMaster, both on the Posix driver over a socat pty pair.</summary>
public sealed class PtyRtuFaultInjectionTests(PtyFaultServerFixture fixture)
    : RtuFaultInjectionTests(fixture), IClassFixture<PtyFaultServerFixture>;
