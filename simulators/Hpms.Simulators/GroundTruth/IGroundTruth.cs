namespace Hpms.Simulators.GroundTruth;

/// <summary>
/// What the simulator actually did, so tests can prove the edge and cloud saw all of it, exactly:
/// every value a client could read (on change), every stock movement, every scenario event and every
/// injected fault, stamped with simulated and wall time.
/// </summary>
public interface IGroundTruth
{
    /// <summary>A served value changed.</summary>
    /// <param name="device">Device id.</param>
    /// <param name="point">Register-map point name.</param>
    /// <param name="value">The value a client now reads, in engineering units.</param>
    /// <param name="at">Simulated time.</param>
    void Value(string device, string point, double value, DateTimeOffset at);

    /// <summary>Stock moved in a cabinet bin.</summary>
    /// <param name="device">Cabinet id.</param>
    /// <param name="bin">Bin number (1-based).</param>
    /// <param name="itemCode">Catalogue item code.</param>
    /// <param name="delta">Change in on-hand count (negative for a pick).</param>
    /// <param name="onHand">On-hand count after the change.</param>
    /// <param name="reason">Why (consumption, surge, restock, ...).</param>
    /// <param name="at">Simulated time.</param>
    void Stock(string device, int bin, long itemCode, int delta, int onHand, string reason, DateTimeOffset at);

    /// <summary>A scenario event started or ended, or the device raised something of its own (badge swipe, switch-over).</summary>
    /// <param name="device">Device or endpoint id.</param>
    /// <param name="kind">Event kind.</param>
    /// <param name="detail">Short free text (phase, values).</param>
    /// <param name="at">Simulated time.</param>
    void Happened(string device, string kind, string detail, DateTimeOffset at);

    /// <summary>A fault was injected into one request.</summary>
    /// <param name="endpoint">Endpoint id.</param>
    /// <param name="unitId">Addressed unit.</param>
    /// <param name="functionCode">Requested function code.</param>
    /// <param name="fault">Fault kind.</param>
    void Fault(string endpoint, byte unitId, byte functionCode, string fault);
}
