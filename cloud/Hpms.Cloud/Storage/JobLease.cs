using System.Data.Common;
using Dapper;

namespace Hpms.Cloud.Storage;

/// <summary>
/// A database lease that lets one of several cloud instances run a periodic job: the holder renews it
/// before it expires; another instance takes it only after it has expired (the holder died). Works the
/// same on SQLite and PostgreSQL (one conditional upsert).
/// </summary>
public sealed class JobLease(CloudDatabase database, TimeProvider clock)
{
    /// <summary>Takes or renews the lease on <paramref name="job"/> for <paramref name="holder"/>.</summary>
    /// <param name="job">Job name.</param>
    /// <param name="holder">This instance's id.</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this holder has the lease now.</returns>
    public async Task<bool> TryAcquireAsync(string job, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            int rows = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO job_leases (job, holder, expires_ms) VALUES (@job, @holder, @expires)
                ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms
                WHERE job_leases.holder = excluded.holder OR job_leases.expires_ms < @now
                """,
                new { job, holder, expires = now + (long)duration.TotalMilliseconds, now },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows > 0;
        }
    }

    /// <summary>Gives the lease up (so another instance may take it at once).</summary>
    /// <param name="job">Job name.</param>
    /// <param name="holder">This instance's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task ReleaseAsync(string job, string holder, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM job_leases WHERE job = @job AND holder = @holder", new { job, holder }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
