using Microsoft.Extensions.Options;

namespace Hpms.Cloud.WorkOrders;

/// <summary>Checks <see cref="WorkOrderOptions"/> at start-up; each failure names its key.</summary>
public sealed class WorkOrderOptionsValidator : IValidateOptions<WorkOrderOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, WorkOrderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.DispatchInterval < TimeSpan.FromSeconds(1) || options.DispatchInterval > TimeSpan.FromHours(1))
        {
            errors.Add("WorkOrders:DispatchInterval must be between 1 second and 1 hour.");
        }

        if (options.SiteUtcOffset < TimeSpan.FromHours(-14) || options.SiteUtcOffset > TimeSpan.FromHours(14) || options.SiteUtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add("WorkOrders:SiteUtcOffset must be whole minutes between -14:00 and +14:00.");
        }

        if (options.EscalateAgainAfter <= TimeSpan.Zero)
        {
            errors.Add("WorkOrders:EscalateAgainAfter must be positive.");
        }

        if (options.LeaseDuration <= options.DispatchInterval)
        {
            errors.Add("WorkOrders:LeaseDuration must be longer than WorkOrders:DispatchInterval (the holder renews it each run).");
        }

        if (options.InstanceId is { } id && string.IsNullOrWhiteSpace(id))
        {
            errors.Add("WorkOrders:InstanceId must not be blank.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
