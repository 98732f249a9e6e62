namespace Hpms.Edge.Rules;

/// <summary>How a switch-over rule reads its channel.</summary>
public enum SwitchOverMode
{
    /// <summary>A counter of switch-overs: every increase is one momentary event; a decrease (reset) is a new baseline.</summary>
    Counter,

    /// <summary>A reserve-in-service flag: active while 1, cleared when 0.</summary>
    Flag,
}
