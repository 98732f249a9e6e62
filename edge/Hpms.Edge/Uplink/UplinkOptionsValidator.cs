using Microsoft.Extensions.Options;

namespace Hpms.Edge.Uplink;

/// <summary>Refuses a broken uplink configuration at start-up, naming the keys.</summary>
public sealed class UplinkOptionsValidator : IValidateOptions<UplinkOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, UplinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
