using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Commands;

/// <summary>Checks <see cref="CommandOptions"/> at start: lifetimes within the envelope's limit, a readable key per configured gateway.</summary>
public sealed class CommandOptionsValidator : IValidateOptions<CommandOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, CommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [];
        if (options.Lifetime <= TimeSpan.Zero || options.Lifetime > EnvelopeCodec.MaxCommandLifetime)
        {
            errors.Add($"Commands:Lifetime must be within (0, {EnvelopeCodec.MaxCommandLifetime}]");
        }

        if (options.ReplyTimeout <= TimeSpan.Zero || options.ReplyTimeout > options.Lifetime)
        {
            errors.Add("Commands:ReplyTimeout must be positive and no longer than Commands:Lifetime");
        }

        if (options.MqttTimeout <= TimeSpan.Zero)
        {
            errors.Add("Commands:MqttTimeout must be positive");
        }

        if (options.Enabled && options.Port is < 1 or > 65535)
        {
            errors.Add("Commands:Port must be within 1..65535");
        }

        if (options.CaFile.Length > 0 && (!options.UseTls || !File.Exists(options.CaFile)))
        {
            errors.Add($"Commands:CaFile: '{options.CaFile}' must exist and needs Commands:UseTls true");
        }

        foreach ((string gateway, CommandKeySource source) in options.Keys)
        {
            if (!CommandKeys.TryRead(source, out _, out string? error))
            {
                errors.Add($"Commands:Keys:{gateway}: {error}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
