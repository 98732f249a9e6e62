using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Mqtt;

/// <summary>One real mosquitto per test class, with device users cab-1..cab-6 and the admin.</summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    public static readonly string[] DeviceUsers = ["cab-1", "cab-2", "cab-3", "cab-4", "cab-5", "cab-6"];

    private MosquittoBroker? _broker;

    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("mosquitto is not running (peer missing).");

    public async Task InitializeAsync()
    {
        if (PeerTools.RequireOrSkip(PeerTool.Mosquitto) is not null)
        {
            return;
        }

        _broker = await MosquittoBroker.StartAsync(DeviceUsers);
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
