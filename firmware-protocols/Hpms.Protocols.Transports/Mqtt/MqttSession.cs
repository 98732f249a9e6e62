using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace Hpms.Protocols.Transports.Mqtt;

/// <summary>
/// How every HPMS MQTT client connects (gateway uplink, commands, MQTT-native devices, cloud ingest and
/// commands, simulated cabinets): MQTT 5; a persistent session when <see cref="SessionExpiry"/> is set (clean
/// start off, so the broker keeps subscriptions and unacknowledged QoS 1 messages across reconnects), else a
/// clean one; credentials when a user name or a password is given (a password alone goes with the client id
/// as user name); TLS with an optional CA bundle.
/// </summary>
/// <param name="Host">Broker host.</param>
/// <param name="Port">Broker port.</param>
/// <param name="ClientId">Client id.</param>
/// <param name="Username">User name, or null.</param>
/// <param name="Password">Password, or null.</param>
/// <param name="UseTls">Whether to use TLS.</param>
/// <param name="Timeout">Connect and operation timeout.</param>
/// <param name="SessionExpiry">Session expiry of a persistent session, or null for a clean session.</param>
/// <param name="CaFile">PEM bundle to trust instead of the system's, or empty.</param>
public sealed record MqttSession(
    string Host, int Port, string ClientId, string? Username, string? Password, bool UseTls, TimeSpan Timeout, TimeSpan? SessionExpiry, string CaFile = "")
{
    /// <summary>
    /// Gets the MQTT 5 Receive Maximum sent in CONNECT (how many unacknowledged QoS 1 messages the broker may have
    /// out to this client); 0 sends none, leaving the broker's own limit.
    /// </summary>
    public ushort ReceiveMaximum { get; init; }

    /// <summary>
    /// Socket send and receive buffer every HPMS MQTT client asks for. MQTTnet sets both to its own default of 8 KiB,
    /// which fixes them there (no kernel auto-tuning): on loopback (64 KiB segments) a subscriber that fell behind
    /// once then got at most a few messages a second while the broker waited on zero-window probes — the cloud
    /// ingest idle, 1.8 MB queued in mosquitto's socket — and over a WAN 8 KiB a round trip caps an uplink's drain.
    /// The kernel caps the request at <c>net.core.rmem_max</c>/<c>wmem_max</c>.
    /// </summary>
    public const int SocketBufferBytes = 1024 * 1024;

    /// <summary>Builds MQTTnet's client options.</summary>
    /// <returns>The options.</returns>
    public MqttClientOptions ToClientOptions()
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(SessionExpiry is null)
            .WithTimeout(Timeout);
        if (SessionExpiry is { } expiry)
        {
            builder = builder.WithSessionExpiryInterval((uint)expiry.TotalSeconds);
        }

        if (ReceiveMaximum > 0)
        {
            builder = builder.WithReceiveMaximum(ReceiveMaximum);
        }

        if (Username is not null || Password is not null)
        {
            builder = builder.WithCredentials(Username ?? ClientId, Password);
        }

        if (UseTls)
        {
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (CaFile.Length > 0)
                {
                    var chain = new X509Certificate2Collection();
                    chain.ImportFromPemFile(CaFile);
                    tls.WithTrustChain(chain);
                }
            });
        }

        return WithSocketBuffers(builder.Build());
    }

    /// <summary>Applies <see cref="SocketBufferBytes"/> to options built elsewhere (IoT Hub, benchmarks).</summary>
    /// <param name="options">Built options with a TCP channel.</param>
    /// <returns>The same options.</returns>
    public static MqttClientOptions WithSocketBuffers(MqttClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.BufferSize = SocketBufferBytes;
        }

        return options;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ClientId}@{Host}:{Port}"; // never the password
}
