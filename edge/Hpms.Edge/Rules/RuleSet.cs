using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Rules;

/// <summary>
/// The effective rules per device: defaults, then configured entries (same id and selector: the later wins),
/// and for a device its own entries over its class's (same id: the device's wins; disabled: none).
/// </summary>
internal sealed class RuleSet
{
    private readonly Dictionary<string, Dictionary<string, CompiledRule?>> _byClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CompiledRule?>> _byDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<(string DeviceClass, string DeviceId), CompiledRule[]> _resolved = [];

    public RuleSet(RulesOptions options)
    {
        if (options.IncludeDefaults)
        {
            AddAll(DefaultRules.Create());
        }

        AddAll(options);
    }

    public IReadOnlyList<CompiledRule> For(DeviceTags device)
    {
        if (_resolved.TryGetValue((device.DeviceClass, device.DeviceId), out CompiledRule[]? rules))
        {
            return rules;
        }

        var merged = new Dictionary<string, CompiledRule?>(StringComparer.Ordinal);
        Overlay(merged, _byClass, device.DeviceClass);
        Overlay(merged, _byDevice, device.DeviceId);
        rules = [.. merged.Values.OfType<CompiledRule>()];
        _resolved[(device.DeviceClass, device.DeviceId)] = rules;
        return rules;
    }

    private static void Overlay(Dictionary<string, CompiledRule?> merged, Dictionary<string, Dictionary<string, CompiledRule?>> source, string key)
    {
        if (source.TryGetValue(key, out Dictionary<string, CompiledRule?>? entries))
        {
            foreach ((string id, CompiledRule? rule) in entries)
            {
                merged[id] = rule;
            }
        }
    }

    private void AddAll(RulesOptions options)
    {
        foreach (ThresholdRuleOptions entry in options.Thresholds)
        {
            Add(entry, new ThresholdRule(entry));
        }

        foreach (RateOfChangeRuleOptions entry in options.RatesOfChange)
        {
            Add(entry, new RateOfChangeRule(entry));
        }

        foreach (DoorOpenRuleOptions entry in options.DoorsOpen)
        {
            Add(entry, new DoorOpenRule(entry));
        }

        foreach (StockReorderRuleOptions entry in options.StockReorder)
        {
            Add(entry, new StockReorderRule(entry));
        }

        foreach (SwitchOverRuleOptions entry in options.SwitchOvers)
        {
            Add(entry, new SwitchOverRule(entry));
        }

        foreach (ColdChainRuleOptions entry in options.ColdChain)
        {
            Add(entry, new ColdChainRule(entry));
        }
    }

    private void Add(RuleOptions entry, CompiledRule rule)
    {
        (Dictionary<string, Dictionary<string, CompiledRule?>> target, string key) = string.IsNullOrWhiteSpace(entry.Device)
            ? (_byClass, entry.DeviceClass!)
            : (_byDevice, entry.Device);
        if (!target.TryGetValue(key, out Dictionary<string, CompiledRule?>? entries))
        {
            entries = new Dictionary<string, CompiledRule?>(StringComparer.Ordinal);
            target.Add(key, entries);
        }

        entries[entry.Id] = entry.Enabled ? rule : null;
    }
}
