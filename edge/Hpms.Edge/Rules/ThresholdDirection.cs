namespace Hpms.Edge.Rules;

/// <summary>Which side of the limit is a breach.</summary>
public enum ThresholdDirection
{
    /// <summary>Value &gt; limit.</summary>
    Above,

    /// <summary>Value ≥ limit.</summary>
    AtOrAbove,

    /// <summary>Value &lt; limit.</summary>
    Below,

    /// <summary>Value ≤ limit.</summary>
    AtOrBelow,
}
