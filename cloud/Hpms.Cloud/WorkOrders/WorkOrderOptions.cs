namespace Hpms.Cloud.WorkOrders;

/// <summary>Configuration section <c>WorkOrders</c> (SLA targets are its <c>Sla</c> sub-section, bound to <c>SlaPolicy</c>).</summary>
public sealed class WorkOrderOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WorkOrders";

    /// <summary>Gets or sets whether this instance runs the dispatch and escalation job (the lease still picks one instance).</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>Gets or sets how often created and reopened work is dispatched and SLA deadlines checked.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the site's offset from UTC, for shifts in local minutes. A fixed offset because the
    /// host runs with invariant globalization (no time-zone database); change it at daylight-saving time.
    /// </summary>
    public TimeSpan SiteUtcOffset { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets how long a level-2 (supervisor) response breach waits before it goes to level 3 (manager).</summary>
    public TimeSpan EscalateAgainAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long this instance holds the job lease unless it renews it (several intervals).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets this instance's lease holder id; null: machine name, process id and a random suffix.</summary>
    public string? InstanceId { get; set; }
}
