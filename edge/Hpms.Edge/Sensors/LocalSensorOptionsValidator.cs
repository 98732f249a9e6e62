using Microsoft.Extensions.Options;

namespace Hpms.Edge.Sensors;

/// <summary>Refuses a broken local-sensor configuration at start, naming the keys.</summary>
public sealed class LocalSensorOptionsValidator : IValidateOptions<LocalSensorOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LocalSensorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
