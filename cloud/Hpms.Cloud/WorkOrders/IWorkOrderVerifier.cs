namespace Hpms.Cloud.WorkOrders;

/// <summary>Lets telemetry verify resolved work (e.g. filter ΔP fell after the change).</summary>
public interface IWorkOrderVerifier
{
    /// <summary>Moves a resolved work order to verified, audited with the actor and the evidence.</summary>
    /// <param name="workOrderId">The work order.</param>
    /// <param name="actor">Who verifies (<c>system:telemetry</c> for automatic verification).</param>
    /// <param name="evidence">Why (values before and after).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>True when it was resolved and is now verified; false when it was in another state.</returns>
    Task<bool> VerifyAsync(long workOrderId, string actor, string evidence, CancellationToken cancellationToken);
}
