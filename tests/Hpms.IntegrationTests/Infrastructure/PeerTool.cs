namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>The third-party programs an integration test may need.</summary>
[Flags]
public enum PeerTool
{
    None = 0,

    /// <summary>socat, for pty pairs.</summary>
    Socat = 1,

    /// <summary>mbpoll (Debian package mbpoll).</summary>
    Mbpoll = 2,

    /// <summary>/usr/bin/python3 with Debian's pymodbus and serial_asyncio.</summary>
    Pymodbus = 4,

    /// <summary>tests/scripts/libmodbus_client.c, built by build-peers.sh.</summary>
    LibmodbusClient = 8,

    /// <summary>/usr/sbin/mosquitto and mosquitto_passwd (Debian package mosquitto).</summary>
    Mosquitto = 16,

    Influxd = 32,

    /// <summary>PostgreSQL server binaries (Debian's postgresql package).</summary>
    Postgres = 64,

    /// <summary>/usr/bin/chromium (Debian package chromium), driven by Playwright for the browser tests.</summary>
    Chromium = 128,
}
