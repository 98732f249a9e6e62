using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Rules;

/// <summary>
/// Checks the <c>Rules</c> section; every error names its key, e.g.
/// <c>Rules:Thresholds:2:Limit: set Limit or LimitChannel, not both</c>.
/// </summary>
public sealed class RulesOptionsValidator : IValidateOptions<RulesOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        IReadOnlyList<string> errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>All errors of a rules configuration (empty when valid).</summary>
    /// <param name="options">The bound options.</param>
    /// <returns>One message per error, each starting with its configuration key.</returns>
    public static IReadOnlyList<string> Collect(RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var seen = new Dictionary<(string Id, string Selector), string>();
        Check(options.Thresholds, "Thresholds", seen, errors, CheckThreshold);
        Check(options.RatesOfChange, "RatesOfChange", seen, errors, CheckRate);
        Check(options.DoorsOpen, "DoorsOpen", seen, errors, CheckDoor);
        Check(options.StockReorder, "StockReorder", seen, errors, CheckStock);
        Check(options.SwitchOvers, "SwitchOvers", seen, errors, CheckSwitchOver);
        Check(options.ColdChain, "ColdChain", seen, errors, CheckColdChain);
        return errors;
    }

    private static void Check<T>(
        IList<T> entries, string listName, Dictionary<(string, string), string> seen, List<string> errors, Action<T, string, List<string>> checkKind)
        where T : RuleOptions
    {
        for (int i = 0; i < entries.Count; i++)
        {
            string key = string.Create(CultureInfo.InvariantCulture, $"{RulesOptions.SectionName}:{listName}:{i}");
            T entry = entries[i];
            CheckCommon(entry, key, seen, errors);
            checkKind(entry, key, errors);
        }
    }

    private static void CheckCommon(RuleOptions entry, string key, Dictionary<(string, string), string> seen, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            errors.Add($"{key}:Id is required.");
        }

        bool hasClass = !string.IsNullOrWhiteSpace(entry.DeviceClass);
        bool hasDevice = !string.IsNullOrWhiteSpace(entry.Device);
        if (hasClass == hasDevice)
        {
            errors.Add($"{key}:DeviceClass: set DeviceClass or Device (exactly one).");
        }
        else if (!string.IsNullOrWhiteSpace(entry.Id))
        {
            string selector = hasClass ? "class " + entry.DeviceClass : "device " + entry.Device;
            if (seen.TryGetValue((entry.Id, selector), out string? earlier))
            {
                errors.Add($"{key}:Id '{entry.Id}' for {selector} is already configured at {earlier}.");
            }
            else
            {
                seen.Add((entry.Id, selector), key);
            }
        }

        if (!Enum.IsDefined(entry.Severity))
        {
            errors.Add($"{key}:Severity must be Info, Warning or Critical.");
        }
    }

    private static void CheckThreshold(ThresholdRuleOptions entry, string key, List<string> errors)
    {
        RequireChannel(entry.Channel, key, errors);
        bool hasLimit = entry.Limit is not null;
        bool hasLimitChannel = !string.IsNullOrWhiteSpace(entry.LimitChannel);
        if (hasLimit == hasLimitChannel)
        {
            errors.Add($"{key}:Limit: set Limit or LimitChannel (exactly one).");
        }
        else if (entry.Limit is double limit && !double.IsFinite(limit))
        {
            errors.Add($"{key}:Limit must be a finite number.");
        }

        if (!Enum.IsDefined(entry.Direction))
        {
            errors.Add($"{key}:Direction must be Above, AtOrAbove, Below or AtOrBelow.");
        }

        if (!double.IsFinite(entry.Hysteresis) || entry.Hysteresis < 0)
        {
            errors.Add($"{key}:Hysteresis must be a finite number ≥ 0.");
        }

        RequireNotNegative(entry.OnDelay, $"{key}:OnDelay", errors);
        RequireNotNegative(entry.OffDelay, $"{key}:OffDelay", errors);
    }

    private static void CheckRate(RateOfChangeRuleOptions entry, string key, List<string> errors)
    {
        RequireChannel(entry.Channel, key, errors);
        if (!double.IsFinite(entry.MaxRatePerMinute) || entry.MaxRatePerMinute <= 0)
        {
            errors.Add($"{key}:MaxRatePerMinute must be a finite number > 0.");
        }

        if (!Enum.IsDefined(entry.Direction))
        {
            errors.Add($"{key}:Direction must be Rising, Falling or Either.");
        }

        RequirePositive(entry.Window, $"{key}:Window", errors);
    }

    private static void CheckDoor(DoorOpenRuleOptions entry, string key, List<string> errors)
    {
        RequireChannel(entry.Channel, key, errors);
        RequirePositive(entry.MaxOpen, $"{key}:MaxOpen", errors);
    }

    private static void CheckStock(StockReorderRuleOptions entry, string key, List<string> errors)
    {
        if (string.IsNullOrEmpty(entry.CountSuffix))
        {
            errors.Add($"{key}:CountSuffix is required.");
        }

        if (string.IsNullOrEmpty(entry.ReorderPointSuffix))
        {
            errors.Add($"{key}:ReorderPointSuffix is required.");
        }
        else if (string.Equals(entry.CountSuffix, entry.ReorderPointSuffix, StringComparison.Ordinal))
        {
            errors.Add($"{key}:ReorderPointSuffix must differ from CountSuffix.");
        }
    }

    private static void CheckSwitchOver(SwitchOverRuleOptions entry, string key, List<string> errors)
    {
        RequireChannel(entry.Channel, key, errors);
        if (!Enum.IsDefined(entry.Mode))
        {
            errors.Add($"{key}:Mode must be Counter or Flag.");
        }
    }

    private static void CheckColdChain(ColdChainRuleOptions entry, string key, List<string> errors)
    {
        RequireChannel(entry.Channel, key, errors);
        if (!double.IsFinite(entry.LowC) || !double.IsFinite(entry.HighC) || entry.LowC >= entry.HighC)
        {
            errors.Add($"{key}:HighC must be a finite number above LowC.");
        }

        RequirePositive(entry.MaxSampleGap, $"{key}:MaxSampleGap", errors);
        RequireNotNegative(entry.MinReportedExcursion, $"{key}:MinReportedExcursion", errors);
    }

    private static void RequireChannel(string channel, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(channel))
        {
            errors.Add($"{key}:Channel is required.");
        }
    }

    private static void RequirePositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be longer than zero.");
        }
    }

    private static void RequireNotNegative(TimeSpan value, string key, List<string> errors)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} must not be negative.");
        }
    }
}
