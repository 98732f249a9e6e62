using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Security;

/// <summary>
/// One production-profile mosquitto per test class (<see cref="MosquittoBroker.StartProductionAsync"/>): TLS
/// only, the deployed ACL plus gateway gw-b added the documented way, a password per user.
/// </summary>
public sealed class ProductionBrokerFixture : IAsyncLifetime
{
    /// <summary>The second gateway (building B of city-general), added beside the deployed gw-a.</summary>
    public const string GatewayB = "gw-b";

    private MosquittoBroker? _broker;

    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("mosquitto is not running (peer missing).");

    public async Task InitializeAsync()
    {
        if (PeerTools.RequireOrSkip(PeerTool.Mosquitto) is not null)
        {
            return;
        }

        _broker = await MosquittoBroker.StartProductionAsync([GatewayB]);
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
