using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Storage;

/// <summary>Checks <see cref="DatabaseOptions"/> at start-up; each failure names its key.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            errors.Add("Database:Provider must be Sqlite or Postgres.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Database:ConnectionString is required.");
        }
        else
        {
            try
            {
                _ = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
            }
            catch (ArgumentException e)
            {
                errors.Add($"Database:ConnectionString is not a connection string: {e.Message}");
            }
        }

        if (options.PasswordEnv is { Length: > 0 } env && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(env)))
        {
            errors.Add($"Database:PasswordEnv names {env}, which is not set.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add("Database:BusyTimeout must be between 0 and 5 minutes.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
