using System.Data.Common;
using Dapper;
using Hpms.Cloud.Ingest;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.IntegrationTests.Cloud.Ingest;

/// <summary>The dead-letter rate limit: every refusal counted, at most the configured number stored per second.</summary>
[Collection("postgres")]
public sealed class DeadLetterStoreTests(PostgresFixture postgres)
{
    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddAsync_OverTheRate_CountsAllAndStoresUpToTheLimitPerSecond(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var counters = new IngestCounters();
        var deadLetters = new DeadLetterStore(
            store.Database, Options.Create(new IngestOptions { MaxDeadLettersPerSecond = 5 }), counters, time, NullLogger<DeadLetterStore>.Instance);

        for (int i = 0; i < 30; i++)
        {
            await deadLetters.AddAsync("hpms/v1/s/g/d/telemetry", new byte[] { 1, 2, 3 }, DeadLetterReasons.BadPayload, "telemetry: invalid JSON", CancellationToken.None);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await deadLetters.AddAsync("hpms/v1/s/g/d/event", new byte[] { 4 }, DeadLetterReasons.TopicMismatch, "x", CancellationToken.None);

        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(6, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dead_letters"));
        Assert.Equal((30L, 1L, 6L, 25L), (counters.DeadLettersOf(DeadLetterReasons.BadPayload), counters.DeadLettersOf(DeadLetterReasons.TopicMismatch), counters.DeadLettersStored, counters.DeadLettersNotStored));
    }
}
