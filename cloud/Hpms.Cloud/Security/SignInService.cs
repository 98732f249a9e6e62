using Hpms.Cloud.Audit;

namespace Hpms.Cloud.Security;

/// <summary>
/// Exchanges a user name and password for a token. An unknown user costs the same PBKDF2 work as a wrong
/// password, so timing does not reveal which names exist; every failure is counted and audited.
/// </summary>
public sealed partial class SignInService(Microsoft.Extensions.Options.IOptions<AuthOptions> options, CredentialStore store, TokenIssuer issuer, AuditLog audit, SecurityMetrics metrics, ILogger<SignInService> logger)
{
    // A hash of a random password, verified against when the user does not exist (same iteration count as new hashes).
    private readonly Lazy<string> _decoy = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString("N"), options.Value.PasswordIterations));

    /// <summary>Signs a user in.</summary>
    /// <param name="name">User name.</param>
    /// <param name="password">Password.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The token, or null when refused.</returns>
    public async Task<IssuedToken?> SignInAsync(string name, string password, CancellationToken cancellationToken)
    {
        StoredUser? user = await store.FindUserAsync(name, cancellationToken).ConfigureAwait(false);
        bool matches = PasswordHasher.Verify(password, user?.PasswordHash ?? _decoy.Value);
        if (user is null || !matches || user.Disabled != 0)
        {
            metrics.CountFailedSignIn();
            string reason = user is null ? "unknown user" : user.Disabled != 0 ? "disabled" : "wrong password";
            LogRefused(logger, name, reason);
            await audit.AppendAsync(name, "auth.sign_in_failed", "user/" + name, reason, cancellationToken).ConfigureAwait(false);
            return null;
        }

        metrics.CountSignIn();
        await audit.AppendAsync(name, "auth.sign_in", "user/" + name, string.Empty, cancellationToken).ConfigureAwait(false);
        return issuer.Issue(user.Name, user.RoleList, user.TechnicianId);
    }

    [LoggerMessage(1, LogLevel.Warning, "Sign-in refused for {UserName}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string userName, string reason);
}
