using Microsoft.Extensions.Options;

namespace Hpms.Edge.Operations;

/// <summary>Refuses a broken gateway-health configuration at start, naming the keys.</summary>
public sealed class GatewayHealthOptionsValidator : IValidateOptions<GatewayHealthOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, GatewayHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
