using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Edge;

/// <summary>One influxd for a test class, with the database <c>hpms</c>.</summary>
public sealed class InfluxdFixture : IAsyncLifetime
{
    public const string Database = "hpms";

    private InfluxdServer? _server;

    public InfluxdServer Server => _server ?? throw new InvalidOperationException("influxd is not running (peer missing).");

    public async Task InitializeAsync()
    {
        if (PeerTools.RequireOrSkip(PeerTool.Influxd) is null)
        {
            _server = await InfluxdServer.StartAsync(Database);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
