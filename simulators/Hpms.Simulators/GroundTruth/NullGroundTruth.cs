namespace Hpms.Simulators.GroundTruth;

/// <summary>Records nothing: for runs that do not ask for ground truth.</summary>
public sealed class NullGroundTruth : IGroundTruth
{
    /// <summary>Gets the shared instance.</summary>
    public static NullGroundTruth Instance { get; } = new();

    /// <inheritdoc/>
    public void Value(string device, string point, double value, DateTimeOffset at)
    {
    }

    /// <inheritdoc/>
    public void Stock(string device, int bin, long itemCode, int delta, int onHand, string reason, DateTimeOffset at)
    {
    }

    /// <inheritdoc/>
    public void Happened(string device, string kind, string detail, DateTimeOffset at)
    {
    }

    /// <inheritdoc/>
    public void Fault(string endpoint, byte unitId, byte functionCode, string fault)
    {
    }
}
