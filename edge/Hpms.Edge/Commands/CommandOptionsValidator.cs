using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Commands;

/// <summary>Refuses a broken command configuration at start-up, naming the keys.</summary>
public sealed class CommandOptionsValidator : IValidateOptions<CommandOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, CommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> errors = [];
        // Without a required signature a key is optional; a key that is set must still be usable.
        CommandKey key = CommandKey.FromEnvironment(options.KeyEnv);
        bool keySet = !string.IsNullOrEmpty(options.KeyEnv) && Environment.GetEnvironmentVariable(options.KeyEnv) is not null;
        if (!key.IsUsable && (options.RequireSignature || keySet))
        {
            errors.Add($"Commands:KeyEnv: {key.Error}");
        }

        if (options.MaxClockSkew < TimeSpan.Zero || options.MaxClockSkew > TimeSpan.FromMinutes(10))
        {
            errors.Add("Commands:MaxClockSkew: must be 0..00:10:00.");
        }

        if (options.ReplayWindow <= TimeSpan.Zero || options.ReplayWindow > Hpms.Protocols.Envelopes.EnvelopeCodec.MaxCommandLifetime)
        {
            errors.Add("Commands:ReplayWindow: must be above zero and at most one day (the longest command lifetime).");
        }

        if (options.MaxReplayEntries < 100)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Commands:MaxReplayEntries: {options.MaxReplayEntries} is below 100."));
        }

        if (options.ExecuteTimeout <= TimeSpan.Zero)
        {
            errors.Add("Commands:ExecuteTimeout: must be above zero.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
