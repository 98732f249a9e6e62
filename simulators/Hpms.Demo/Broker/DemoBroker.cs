using System.Net;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Hpms.Demo.Broker;

/// <summary>
/// The in-process MQTT broker of the one-command system (MQTTnet's server on 127.0.0.1): no anonymous clients,
/// one password per client, and each user confined to its topic prefixes (<see cref="BrokerUser"/>), the same
/// shape as the production mosquitto ACL. Refusals are counted, never fatal.
/// </summary>
public sealed partial class DemoBroker : IAsyncDisposable
{
    private const string UserItem = "hpms-user";
    private readonly MqttServer _server;
    private readonly IReadOnlyDictionary<string, BrokerUser> _users;
    private readonly ILogger _logger;
    private long _refusedConnections;
    private long _refusedPublishes;
    private long _refusedSubscriptions;

    private DemoBroker(MqttServer server, int port, IReadOnlyDictionary<string, BrokerUser> users, ILogger logger)
    {
        _server = server;
        Port = port;
        _users = users;
        _logger = logger;
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
    }

    /// <summary>Gets the port the broker listens on.</summary>
    public int Port { get; }

    /// <summary>Gets connections refused (unknown user or wrong password).</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    /// <summary>Gets publishes refused by the topic rules.</summary>
    public long RefusedPublishes => Interlocked.Read(ref _refusedPublishes);

    /// <summary>Gets subscriptions refused by the topic rules.</summary>
    public long RefusedSubscriptions => Interlocked.Read(ref _refusedSubscriptions);

    /// <summary>Starts the broker on 127.0.0.1.</summary>
    /// <param name="port">Port; 0 picks a free one.</param>
    /// <param name="users">Who may connect and where each may publish and subscribe.</param>
    /// <param name="logger">Log.</param>
    /// <returns>The running broker.</returns>
    public static async Task<DemoBroker> StartAsync(int port, IEnumerable<BrokerUser> users, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(users);
        int chosen = port == 0 ? FreePort.Pick() : port;
        var factory = new MqttServerFactory();
        MqttServerOptions options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(chosen)
            .WithPersistentSessions()
            .Build();
        var broker = new DemoBroker(factory.CreateMqttServer(options), chosen, users.ToDictionary(u => u.Name, StringComparer.Ordinal), logger);
        await broker._server.StartAsync().ConfigureAwait(false);
        return broker;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (e.UserName is { } name && _users.TryGetValue(name, out BrokerUser? user) && user.PasswordMatches(e.Password))
        {
            e.SessionItems[UserItem] = user;
            e.ReasonCode = MqttConnectReasonCode.Success;
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _refusedConnections);
        LogRefusedConnection(_logger, e.ClientId, e.UserName ?? "(anonymous)");
        e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        return Task.CompletedTask;
    }

    private Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        // The broker's own messages (retained, will) carry no session user.
        if (e.SessionItems[UserItem] is BrokerUser user && !user.MayUse(e.ApplicationMessage.Topic))
        {
            Interlocked.Increment(ref _refusedPublishes);
            LogRefusedPublish(_logger, user.Name, e.ApplicationMessage.Topic);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems[UserItem] is not BrokerUser user || !user.MayUse(e.TopicFilter.Topic))
        {
            Interlocked.Increment(ref _refusedSubscriptions);
            LogRefusedSubscription(_logger, e.ClientId, e.TopicFilter.Topic);
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Warning, "Broker: refused the connection of {ClientId} as {User}")]
    private static partial void LogRefusedConnection(ILogger logger, string clientId, string user);

    [LoggerMessage(2, LogLevel.Warning, "Broker: {User} may not publish to {Topic}")]
    private static partial void LogRefusedPublish(ILogger logger, string user, string topic);

    [LoggerMessage(3, LogLevel.Warning, "Broker: {ClientId} may not subscribe to {Filter}")]
    private static partial void LogRefusedSubscription(ILogger logger, string clientId, string filter);
}
