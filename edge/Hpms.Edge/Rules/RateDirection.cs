namespace Hpms.Edge.Rules;

/// <summary>Which change a rate-of-change rule watches.</summary>
public enum RateDirection
{
    /// <summary>Rising faster than the limit.</summary>
    Rising,

    /// <summary>Falling faster than the limit.</summary>
    Falling,

    /// <summary>Either way.</summary>
    Either,
}
