using Hpms.Edge.Rules;
using Microsoft.Extensions.Configuration;
using static Hpms.Edge.Tests.Rules.RulePoints;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

public sealed class RulesOptionsTests
{
    private static RulesOptions Bind(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new RulesOptions();
        configuration.GetSection(RulesOptions.SectionName).Bind(options);
        return options;
    }

    [Fact]
    public void DefaultRules_AreValid() => Assert.Empty(RulesOptionsValidator.Collect(DefaultRules.Create()));

    [Fact]
    public void Bind_FromConfiguration_FillsEveryKind()
    {
        RulesOptions options = Bind(new()
        {
            ["Rules:IncludeDefaults"] = "false",
            ["Rules:Thresholds:0:Id"] = "fridge.high",
            ["Rules:Thresholds:0:Device"] = "fridge-7",
            ["Rules:Thresholds:0:Channel"] = "temperature",
            ["Rules:Thresholds:0:Limit"] = "10",
            ["Rules:Thresholds:0:Direction"] = "AtOrAbove",
            ["Rules:Thresholds:0:OnDelay"] = "00:15:00",
            ["Rules:Thresholds:0:Hysteresis"] = "0.5",
            ["Rules:Thresholds:0:Severity"] = "Critical",
            ["Rules:DoorsOpen:0:Id"] = "door",
            ["Rules:DoorsOpen:0:DeviceClass"] = "cold-chain-fridge",
            ["Rules:DoorsOpen:0:Channel"] = "door.open",
            ["Rules:DoorsOpen:0:MaxOpen"] = "00:03:00",
            ["Rules:ColdChain:0:Id"] = "cold",
            ["Rules:ColdChain:0:DeviceClass"] = "cold-chain-fridge",
            ["Rules:ColdChain:0:LowC"] = "15",
            ["Rules:ColdChain:0:HighC"] = "25",
        });

        Assert.False(options.IncludeDefaults);
        ThresholdRuleOptions threshold = Assert.Single(options.Thresholds);
        Assert.Equal(("fridge-7", 10.0, ThresholdDirection.AtOrAbove, TimeSpan.FromMinutes(15), EventSeverity.Critical),
            (threshold.Device, threshold.Limit!.Value, threshold.Direction, threshold.OnDelay, threshold.Severity));
        Assert.Equal(TimeSpan.FromMinutes(3), Assert.Single(options.DoorsOpen).MaxOpen);
        Assert.Equal(15, Assert.Single(options.ColdChain).LowC);
        Assert.Empty(RulesOptionsValidator.Collect(options));
    }

    [Fact]
    public void Collect_BadEntries_NameTheirKeys()
    {
        RulesOptions options = Only(o =>
        {
            o.Thresholds.Add(FridgeHigh());
            o.Thresholds.Add(FridgeHigh());
            o.Thresholds.Add(new ThresholdRuleOptions { Id = "x", DeviceClass = "c", Channel = "t", Limit = double.NaN, Hysteresis = -1, OnDelay = TimeSpan.FromSeconds(-1) });
            o.Thresholds.Add(new ThresholdRuleOptions { Id = "y", DeviceClass = "c", Device = "d", Channel = "t", Limit = 1, LimitChannel = "l" });
            o.RatesOfChange.Add(new RateOfChangeRuleOptions { Id = "r", DeviceClass = "c", Channel = "", Window = TimeSpan.Zero });
            o.DoorsOpen.Add(new DoorOpenRuleOptions { Id = "", Device = "d", Channel = "door.open", MaxOpen = TimeSpan.Zero });
            o.StockReorder.Add(new StockReorderRuleOptions { Id = "s", DeviceClass = "c", ReorderPointSuffix = ".count" });
            o.SwitchOvers.Add(new SwitchOverRuleOptions { Id = "w", DeviceClass = "c", Channel = "n", Mode = (SwitchOverMode)9 });
            o.ColdChain.Add(new ColdChainRuleOptions { Id = "k", DeviceClass = "c", LowC = 8, HighC = 2 });
        });

        IReadOnlyList<string> errors = RulesOptionsValidator.Collect(options);

        Assert.Equal(
        [
            "Rules:Thresholds:1:Id 'fridge.high' for class cold-chain-fridge is already configured at Rules:Thresholds:0.",
            "Rules:Thresholds:2:Limit must be a finite number.",
            "Rules:Thresholds:2:Hysteresis must be a finite number ≥ 0.",
            "Rules:Thresholds:2:OnDelay must not be negative.",
            "Rules:Thresholds:3:DeviceClass: set DeviceClass or Device (exactly one).",
            "Rules:Thresholds:3:Limit: set Limit or LimitChannel (exactly one).",
            "Rules:RatesOfChange:0:Channel is required.",
            "Rules:RatesOfChange:0:MaxRatePerMinute must be a finite number > 0.",
            "Rules:RatesOfChange:0:Window must be longer than zero.",
            "Rules:DoorsOpen:0:Id is required.",
            "Rules:DoorsOpen:0:MaxOpen must be longer than zero.",
            "Rules:StockReorder:0:ReorderPointSuffix must differ from CountSuffix.",
            "Rules:SwitchOvers:0:Mode must be Counter or Flag.",
            "Rules:ColdChain:0:HighC must be a finite number above LowC.",
        ], errors);
    }

    [Fact]
    public void Validate_Invalid_FailsWithTheMessages()
    {
        RulesOptions options = Only(o => o.DoorsOpen.Add(new DoorOpenRuleOptions { Id = "d", DeviceClass = "c" }));

        Microsoft.Extensions.Options.ValidateOptionsResult result = new RulesOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Rules:DoorsOpen:0:Channel is required.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithTheKey()
    {
        RulesOptions options = Only(o => o.DoorsOpen.Add(new DoorOpenRuleOptions { Id = "d", DeviceClass = "c" }));

        ArgumentException ex = Assert.Throws<ArgumentException>(() => new RuleEngine(options));

        Assert.Contains("Rules:DoorsOpen:0:Channel", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceEntry_OverridesTheClassRuleForThatDeviceOnly()
    {
        var options = new RulesOptions();
        ThresholdRuleOptions looser = FridgeHigh(onDelayMinutes: 0);
        looser.Id = "fridge.temperature.high";
        looser.DeviceClass = null;
        looser.Device = "fridge-2";
        looser.Limit = 12;
        options.Thresholds.Add(looser);
        var engine = new RuleEngine(options);

        IReadOnlyList<RuleEvent> events = engine.ProcessAll(
        [
            .. Enumerable.Range(0, 16).Select(m => Temp(10, m)),
            .. Enumerable.Range(0, 16).Select(m => P(Fridge2, "temperature", 10, m, unit: "°C")),
            P(Fridge2, "temperature", 12.5, 16, unit: "°C"),
        ]);

        IEnumerable<RuleEvent> high = events.Where(e => e.RuleId == "fridge.temperature.high");
        Assert.Equal([("fridge-1", At(15)), ("fridge-2", At(16))], high.Select(e => (e.Device.DeviceId, e.AtUnixMs)));
    }

    [Fact]
    public void DisabledDeviceEntry_SwitchesTheRuleOffForThatDevice()
    {
        var options = new RulesOptions();
        options.ColdChain.Add(new ColdChainRuleOptions { Id = "fridge.cold-chain", Device = "fridge-2", Enabled = false });
        var engine = new RuleEngine(options);

        engine.ProcessAll([Temp(5, 0), P(Fridge2, "temperature", 5, 0, unit: "°C")]);

        Assert.Equal("fridge-1", Assert.Single(engine.GetColdChainStatistics()).DeviceId);
    }
}
