using System.Data.Common;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Security;

/// <summary>
/// Seeds the users and API keys of <c>Auth:Users</c> and <c>Auth:ApiKeys</c> while the host starts (after
/// the migrations): configuration is the truth for seeded users, so their hash and roles are replaced.
/// An entry whose secret is missing is logged and skipped, so a forgotten variable cannot block a start.
/// </summary>
public sealed partial class CredentialBootstrapService(
    IOptions<AuthOptions> options, CloudDatabase database, CredentialStore store, AuditLog audit, ILogger<CredentialBootstrapService> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        AuthOptions o = options.Value;
        if (o.Users.Count == 0 && o.ApiKeys.Count == 0)
        {
            return;
        }

        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (BootstrapUser user in o.Users)
                {
                    if (SecretSource.Read(user.PasswordEnv, user.PasswordFile) is not { } password)
                    {
                        LogMissingSecret(logger, "user", user.Name, SecretSource.Describe(user.PasswordEnv, user.PasswordFile));
                        continue;
                    }

                    await store.UpsertUserAsync(connection, transaction, user.Name, PasswordHasher.Hash(password, o.PasswordIterations), user.Roles, user.TechnicianId, replace: true, cancellationToken).ConfigureAwait(false);
                    await audit.AppendAsync(connection, transaction, "system", "user.seed", "user/" + user.Name, "roles=" + string.Join(',', user.Roles), cancellationToken).ConfigureAwait(false);
                }

                foreach (BootstrapApiKey key in o.ApiKeys)
                {
                    if (SecretSource.Read(key.KeyEnv, key.KeyFile) is not { } secret)
                    {
                        LogMissingSecret(logger, "API key", key.Name, SecretSource.Describe(key.KeyEnv, key.KeyFile));
                        continue;
                    }

                    string hash = ApiKeyHasher.Hash(secret);
                    if (await store.InsertApiKeyAsync(connection, transaction, "k_" + hash[..16], hash, key.Name, key.Roles, cancellationToken).ConfigureAwait(false) > 0)
                    {
                        await audit.AppendAsync(connection, transaction, "system", "apikey.seed", "apikey/" + key.Name, "roles=" + string.Join(',', key.Roles), cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        LogSeeded(logger, o.Users.Count, o.ApiKeys.Count);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Error, "Auth: {Kind} {Name} not seeded: no secret in {Where}")]
    private static partial void LogMissingSecret(ILogger logger, string kind, string name, string where);

    [LoggerMessage(2, LogLevel.Information, "Auth: {Users} configured users and {Keys} configured API keys seeded")]
    private static partial void LogSeeded(ILogger logger, int users, int keys);
}
