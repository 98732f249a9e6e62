namespace Hpms.Edge.Rules;

/// <summary>A gas manifold switching from its primary to its reserve bank (e.g. <c>o2.switchover-count</c>).</summary>
public sealed class SwitchOverRuleOptions : RuleOptions
{
    /// <summary>Channel watched.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Counter or flag.</summary>
    public SwitchOverMode Mode { get; set; } = SwitchOverMode.Counter;
}
