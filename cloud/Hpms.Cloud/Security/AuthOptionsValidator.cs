using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Security;

/// <summary>Checks <see cref="AuthOptions"/> at start: a usable signing key, sane lifetimes, known roles, named secrets.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [];
        if (JwtSigningKey.TryLoad(options, out string? keyError) is null)
        {
            errors.Add("Auth: " + keyError);
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add("Auth: Issuer and Audience are required");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > TimeSpan.FromDays(1))
        {
            errors.Add("Auth:TokenLifetime must be within (0, 1 day]");
        }

        if (options.PasswordIterations < 1_000)
        {
            errors.Add("Auth:PasswordIterations must be at least 1000");
        }

        foreach (BootstrapUser user in options.Users)
        {
            CheckEntry(errors, "Auth:Users", user.Name, user.Roles, user.PasswordEnv, user.PasswordFile);
        }

        foreach (BootstrapApiKey key in options.ApiKeys)
        {
            CheckEntry(errors, "Auth:ApiKeys", key.Name, key.Roles, key.KeyEnv, key.KeyFile);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckEntry(List<string> errors, string section, string name, IList<string> roles, string? env, string? file)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(section + ": an entry has no Name");
        }

        if (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r)))
        {
            errors.Add($"{section} '{name}': Roles must be one or more of {string.Join(", ", Roles.All)}");
        }

        if (string.IsNullOrWhiteSpace(env) && string.IsNullOrWhiteSpace(file))
        {
            errors.Add($"{section} '{name}': name the environment variable or file holding its secret");
        }
    }
}
