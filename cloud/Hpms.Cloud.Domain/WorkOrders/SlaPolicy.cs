namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>
/// Response and resolution targets per priority. Defaults follow common hospital estates practice:
/// P1 (patient safety: cold chain, medical gas) 15 min / 4 h; P2 1 h / 24 h; P3 4 h / 3 days;
/// P4 1 day / 14 days. Sites override them in configuration (<c>WorkOrders:Sla</c>).
/// </summary>
public sealed class SlaPolicy
{
    /// <summary>The priorities, most urgent first.</summary>
    public static IReadOnlyList<string> Priorities { get; } = ["P1", "P2", "P3", "P4"];

    /// <summary>Gets the targets by priority.</summary>
    public Dictionary<string, SlaTarget> Targets { get; init; } = new(StringComparer.Ordinal)
    {
        ["P1"] = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(4)),
        ["P2"] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(24)),
        ["P3"] = new(TimeSpan.FromHours(4), TimeSpan.FromDays(3)),
        ["P4"] = new(TimeSpan.FromDays(1), TimeSpan.FromDays(14)),
    };

    /// <summary>The target of a priority (P4's for an unknown one).</summary>
    /// <param name="priority">P1…P4.</param>
    /// <returns>The target.</returns>
    public SlaTarget For(string priority) =>
        Targets.TryGetValue(priority, out SlaTarget? target) ? target : Targets.GetValueOrDefault("P4") ?? new SlaTarget(TimeSpan.FromDays(1), TimeSpan.FromDays(14));

    /// <summary>The response and resolution deadlines of work created at <paramref name="createdUnixMs"/>.</summary>
    /// <param name="priority">P1…P4.</param>
    /// <param name="createdUnixMs">Creation time, Unix ms.</param>
    /// <returns>Response and resolution deadlines, Unix ms.</returns>
    public (long ResponseDueUnixMs, long ResolutionDueUnixMs) Deadlines(string priority, long createdUnixMs)
    {
        SlaTarget target = For(priority);
        return (createdUnixMs + (long)target.Response.TotalMilliseconds, createdUnixMs + (long)target.Resolution.TotalMilliseconds);
    }
}
