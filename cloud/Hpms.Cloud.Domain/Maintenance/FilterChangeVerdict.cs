namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>Whether telemetry proves the filter change, and the figures that say so.</summary>
/// <param name="Verified">True when the newest readings show the change.</param>
/// <param name="Evidence">Values before and after, for the audit trail.</param>
public sealed record FilterChangeVerdict(bool Verified, string Evidence);
