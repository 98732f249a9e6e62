namespace Hpms.Cloud.WorkOrders;

/// <summary>A technician, supervisor or manager as the API shows and takes them.</summary>
/// <param name="Id">Technician id (users.technician_id links a login to it).</param>
/// <param name="Name">Display name.</param>
/// <param name="Skills">What they can fix.</param>
/// <param name="Zones">Where they usually work.</param>
/// <param name="ShiftStartMinute">First local minute on shift (0…1440).</param>
/// <param name="ShiftEndMinute">First local minute off shift (0…1440; before the start: across midnight).</param>
/// <param name="EscalationLevel">1 technician, 2 supervisor, 3 manager.</param>
/// <param name="Active">False: never dispatched or notified.</param>
/// <param name="Contact">Phone, pager or e-mail.</param>
public sealed record Technician(
    string Id,
    string Name,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Zones,
    int ShiftStartMinute = 0,
    int ShiftEndMinute = 1440,
    int EscalationLevel = 1,
    bool Active = true,
    string? Contact = null);
