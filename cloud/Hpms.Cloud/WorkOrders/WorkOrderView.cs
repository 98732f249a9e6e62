namespace Hpms.Cloud.WorkOrders;

/// <summary>A work order as the API shows it; times are Unix ms.</summary>
public sealed class WorkOrderView
{
    /// <summary>Gets or sets the id.</summary>
    public long Id { get; set; }

    /// <summary>Gets or sets the asset (device id).</summary>
    public string AssetId { get; set; } = string.Empty;

    /// <summary>Gets or sets the cause (one open work order per asset and cause).</summary>
    public string Cause { get; set; } = string.Empty;

    /// <summary>Gets or sets the one-line title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Gets or sets the details.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Gets or sets the priority (P1…P4).</summary>
    public string Priority { get; set; } = string.Empty;

    /// <summary>Gets or sets the state (<c>in_progress</c>, …).</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Gets or sets the skill needed.</summary>
    public string Skill { get; set; } = string.Empty;

    /// <summary>Gets or sets the zone.</summary>
    public string Zone { get; set; } = string.Empty;

    /// <summary>Gets or sets where it came from (event, predictive, manual).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Gets or sets the event or trend id behind it.</summary>
    public string? SourceRef { get; set; }

    /// <summary>Gets or sets the alarm it belongs to.</summary>
    public long? AlarmId { get; set; }

    /// <summary>Gets or sets the technician it is assigned to.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>Gets or sets the escalation level reached (0/1 none, 2 supervisor, 3 manager).</summary>
    public int EscalationLevel { get; set; }

    /// <summary>Gets or sets how often it was reopened.</summary>
    public int ReopenCount { get; set; }

    /// <summary>Gets or sets when it was created.</summary>
    public long CreatedMs { get; set; }

    /// <summary>Gets or sets the response deadline.</summary>
    public long ResponseDueMs { get; set; }

    /// <summary>Gets or sets the resolution deadline.</summary>
    public long ResolutionDueMs { get; set; }

    /// <summary>Gets or sets when it was last assigned.</summary>
    public long? AssignedMs { get; set; }

    /// <summary>Gets or sets when it was first accepted.</summary>
    public long? AcceptedMs { get; set; }

    /// <summary>Gets or sets when work first started.</summary>
    public long? StartedMs { get; set; }

    /// <summary>Gets or sets when it was resolved.</summary>
    public long? ResolvedMs { get; set; }

    /// <summary>Gets or sets when it was verified.</summary>
    public long? VerifiedMs { get; set; }

    /// <summary>Gets or sets when it was closed.</summary>
    public long? ClosedMs { get; set; }

    /// <summary>Gets or sets when it was cancelled.</summary>
    public long? CancelledMs { get; set; }

    /// <summary>Gets or sets when it was last reopened.</summary>
    public long? ReopenedMs { get; set; }

    /// <summary>Gets or sets the resolution note.</summary>
    public string? ResolutionNote { get; set; }

    /// <summary>Gets or sets who verified it.</summary>
    public string? VerifiedBy { get; set; }

    /// <summary>Gets or sets the version (send it back as expectedVersion to detect concurrent changes).</summary>
    public int Version { get; set; }

    /// <summary>Gets or sets the transitions, oldest first (filled by the single-work-order query only).</summary>
    public IReadOnlyList<WorkOrderTransitionView>? Transitions { get; set; }
}
