namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>The state machine's answer: allowed (and to which state) or refused (and why).</summary>
/// <param name="Outcome">Allowed or the reason for refusal.</param>
/// <param name="To">The new state when allowed; the current one otherwise.</param>
public sealed record TransitionDecision(TransitionOutcome Outcome, WorkOrderState To)
{
    /// <summary>Gets a value indicating whether the transition may happen.</summary>
    public bool IsAllowed => Outcome == TransitionOutcome.Allowed;
}
