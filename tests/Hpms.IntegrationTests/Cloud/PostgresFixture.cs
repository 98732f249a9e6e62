using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Cloud;

/// <summary>One PostgreSQL server for every test class in the <c>postgres</c> collection; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>Gets the server, or null when PostgreSQL is not installed (the tests then skip, or fail under CI).</summary>
    public PostgresServer? Server => _server;

    public async Task InitializeAsync()
    {
        if (PeerTools.Missing(PeerTool.Postgres) is null)
        {
            _server = await PostgresServer.StartAsync();
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

[CollectionDefinition("postgres")]
public sealed class PostgresGroup : ICollectionFixture<PostgresFixture>;
