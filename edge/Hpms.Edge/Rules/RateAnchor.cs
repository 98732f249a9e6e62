namespace Hpms.Edge.Rules;

/// <summary>A kept reading a rate is measured from.</summary>
internal sealed class RateAnchor
{
    public long AtMs { get; set; }

    public double Value { get; set; }
}
