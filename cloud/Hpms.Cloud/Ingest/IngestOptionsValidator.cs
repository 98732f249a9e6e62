using System.Globalization;
using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Ingest;

/// <summary>Checks <see cref="IngestOptions"/> at start; every message names its key.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [];
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("Ingest:Host: is required.");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add(Invariant($"Ingest:Port: {options.Port} is not 1..65535."));
        }

        if (!string.IsNullOrEmpty(options.PasswordEnv) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.PasswordEnv)))
        {
            errors.Add($"Ingest:PasswordEnv: environment variable {options.PasswordEnv} is not set.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Length > 128)
        {
            errors.Add("Ingest:ClientId: must be 1..128 characters.");
        }

        if (options.SharedGroup.Length > 0 && !IsGroupName(options.SharedGroup))
        {
            errors.Add($"Ingest:SharedGroup: '{options.SharedGroup}' may not contain '/', '+', '#' or control characters.");
        }

        if (options.CaFile.Length > 0 && !options.UseTls)
        {
            errors.Add("Ingest:CaFile: is set but Ingest:UseTls is false.");
        }

        if (options.CaFile.Length > 0 && !File.Exists(options.CaFile))
        {
            errors.Add($"Ingest:CaFile: '{options.CaFile}' does not exist.");
        }

        if (options.SessionExpiry <= TimeSpan.Zero || options.SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            errors.Add("Ingest:SessionExpiry: must be positive (the session must outlive a restart).");
        }

        Positive(errors, "Timeout", options.Timeout);
        Positive(errors, "ReconnectDelay", options.ReconnectDelay);
        Positive(errors, "MaxRetryDelay", options.MaxRetryDelay);
        if (options.MaxConcurrentMessages is < 1 or > 256)
        {
            errors.Add("Ingest:MaxConcurrentMessages: must be between 1 and 256.");
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            errors.Add("Ingest:MaxReconnectDelay: is below Ingest:ReconnectDelay.");
        }

        if (options.DeviceTouchInterval < TimeSpan.Zero)
        {
            errors.Add("Ingest:DeviceTouchInterval: may not be negative.");
        }

        if (options.MaxDeadLettersPerSecond < 0)
        {
            errors.Add(Invariant($"Ingest:MaxDeadLettersPerSecond: {options.MaxDeadLettersPerSecond} is negative."));
        }

        if (options.MaxPayloadBytes is < 1024 or > EnvelopeCodec.MaxTelemetryBytes)
        {
            errors.Add(Invariant($"Ingest:MaxPayloadBytes: {options.MaxPayloadBytes} is not 1024..{EnvelopeCodec.MaxTelemetryBytes} (the envelope refuses bigger payloads anyway)."));
        }

        if (options.MaxTimestampLead <= TimeSpan.Zero || options.MaxTimestampLead > TimeSpan.FromDays(366))
        {
            errors.Add("Ingest:MaxTimestampLead: must be positive and at most 366 days.");
        }

        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add("Ingest:StateDirectory: is required.");
        }

        if (options.BufferMaxBytes < 1024 * 1024)
        {
            errors.Add(Invariant($"Ingest:BufferMaxBytes: {options.BufferMaxBytes} is below 1 MiB."));
        }

        if (options.EmbeddedMaxBytes < 1024 * 1024)
        {
            errors.Add(Invariant($"Ingest:EmbeddedMaxBytes: {options.EmbeddedMaxBytes} is below 1 MiB."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsGroupName(string group) => group.All(c => c is not ('/' or '+' or '#') && !char.IsControl(c));

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Ingest:{key}: must be positive.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
