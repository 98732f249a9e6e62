namespace Hpms.Cloud.WorkOrders;

/// <summary>The JSON body of <c>POST /api/workorders</c> (a manual work order).</summary>
/// <param name="AssetId">The asset (device id).</param>
/// <param name="Cause">Why (one open work order per asset and cause).</param>
/// <param name="Title">One line for the technician.</param>
/// <param name="Description">Details.</param>
/// <param name="Priority">P1…P4.</param>
/// <param name="Skill">Skill needed.</param>
/// <param name="Zone">Where.</param>
public sealed record CreateWorkOrderBody(string? AssetId, string? Cause, string? Title, string? Description, string? Priority, string? Skill, string? Zone);
