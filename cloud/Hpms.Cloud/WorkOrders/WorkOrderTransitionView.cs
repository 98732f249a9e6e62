namespace Hpms.Cloud.WorkOrders;

/// <summary>One step in a work order's life.</summary>
public sealed class WorkOrderTransitionView
{
    /// <summary>Gets or sets the state before (null for creation).</summary>
    public string? From { get; set; }

    /// <summary>Gets or sets the state after.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>Gets or sets when, Unix ms.</summary>
    public long AtMs { get; set; }

    /// <summary>Gets or sets who.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>Gets or sets the note or reason.</summary>
    public string? Note { get; set; }
}
