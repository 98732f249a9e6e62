using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.WorkOrders;

/// <summary>A request to move a work order along its life.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Note">Resolution note, or reason to reopen or cancel.</param>
/// <param name="TechnicianId">Who to assign (assign only).</param>
/// <param name="ExpectedVersion">The version the caller last saw; a different one is a conflict. Null: the current one.</param>
public sealed record WorkOrderCommand(WorkOrderAction Action, string? Note = null, string? TechnicianId = null, int? ExpectedVersion = null);
