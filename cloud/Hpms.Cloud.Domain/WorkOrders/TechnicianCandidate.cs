namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>A technician as dispatch sees them.</summary>
/// <param name="Id">Technician id.</param>
/// <param name="Skills">What they can fix (<c>hvac</c>, <c>refrigeration</c>, …).</param>
/// <param name="Zones">Where they usually work.</param>
/// <param name="Shift">When they work, in the site's local minutes.</param>
/// <param name="EscalationLevel">1 technician, 2 supervisor, 3 manager.</param>
/// <param name="Active">False for someone who left or is away.</param>
/// <param name="OpenLoad">Open work orders assigned to them now.</param>
public sealed record TechnicianCandidate(
    string Id,
    IReadOnlySet<string> Skills,
    IReadOnlySet<string> Zones,
    ShiftWindow Shift,
    int EscalationLevel,
    bool Active,
    int OpenLoad);
