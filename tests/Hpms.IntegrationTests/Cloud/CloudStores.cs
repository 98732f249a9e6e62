using Hpms.Cloud.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hpms.IntegrationTests.Cloud;

/// <summary>A migrated cloud store of either provider, for tests that must hold on both.</summary>
public sealed class CloudStore : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;

    private CloudStore(CloudDatabase database, string connectionString, string? sqliteDirectory)
    {
        Database = database;
        ConnectionString = connectionString;
        _sqliteDirectory = sqliteDirectory;
    }

    public CloudDatabase Database { get; }

    public string ConnectionString { get; }

    public DatabaseProvider Provider => Database.Dialect.Provider;

    public static async Task<CloudStore> CreateAsync(DatabaseProvider provider, PostgresFixture postgres, bool migrate = true)
    {
        string? directory = null;
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = await postgres.Server!.CreateDatabaseAsync();
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("hpms-cloud-sqlite-").FullName;
            connectionString = $"Data Source={Path.Combine(directory, "cloud.db")}";
        }

        var database = new CloudDatabase(Options(provider, connectionString));
        var store = new CloudStore(database, connectionString, directory);
        if (migrate)
        {
            await store.Runner().MigrateAsync(CancellationToken.None);
        }

        return store;
    }

    public static IOptions<DatabaseOptions> Options(DatabaseProvider provider, string connectionString) =>
        Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

    /// <summary>A second handle on the same database, as a second cloud instance would hold.</summary>
    public CloudDatabase OpenAnother() => new(Options(Provider, ConnectionString));

    public MigrationRunner Runner(CloudDatabase? database = null) => new(database ?? Database, NullLogger<MigrationRunner>.Instance);

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
