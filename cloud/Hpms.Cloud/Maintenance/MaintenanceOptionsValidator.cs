using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Maintenance;

/// <summary>Checks <see cref="MaintenanceOptions"/> at start-up; each failure names its key.</summary>
public sealed class MaintenanceOptionsValidator : IValidateOptions<MaintenanceOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, MaintenanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string p = MaintenanceOptions.Section;
        var errors = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromDays(1))
        {
            errors.Add($"{p}:Interval must be between 1 second and 1 day.");
        }

        if (options.Bucket < TimeSpan.FromSeconds(1) || options.Bucket.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"{p}:Bucket must be whole seconds, at least 1.");
        }

        foreach ((string key, TimeSpan history) in new[] { ("History", options.History), ("GasHistory", options.GasHistory) })
        {
            if (history < options.Bucket * 3 || history > TimeSpan.FromDays(90))
            {
                errors.Add($"{p}:{key} must cover at least three buckets and at most 90 days.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.AirHandlingUnitClass) || string.IsNullOrWhiteSpace(options.GasPanelClass))
        {
            errors.Add($"{p}:AirHandlingUnitClass and {p}:GasPanelClass are required.");
        }

        InfluxQueryOptions influx = options.Influx;
        if (influx.Url.Length > 0 && (!Uri.TryCreate(influx.Url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"{p}:Influx:Url: '{influx.Url}' is not an http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(influx.Database))
        {
            errors.Add($"{p}:Influx:Database is required.");
        }

        if (influx.SecretEnv.Length > 0 && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(influx.SecretEnv)))
        {
            errors.Add($"{p}:Influx:SecretEnv names {influx.SecretEnv}, which is not set.");
        }

        if (influx.Timeout <= TimeSpan.Zero || influx.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{p}:Influx:Timeout must be between 0 and 5 minutes.");
        }

        errors.AddRange(options.Filter.Validate(p + ":Filter"));
        errors.AddRange(options.Vibration.Validate(p + ":Vibration"));
        errors.AddRange(options.Service.Validate(p + ":Service"));
        errors.AddRange(options.GasDrift.Validate(p + ":GasDrift"));
        errors.AddRange(options.Verification.Validate(p + ":Verification"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
