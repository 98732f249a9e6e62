namespace Hpms.Cloud.WorkOrders;

/// <summary>The JSON body of <c>POST /api/workorders/{id}/{action}</c>; every field optional.</summary>
/// <param name="Note">Resolution note (resolve) or any remark.</param>
/// <param name="Reason">Why (reopen, cancel); used when <paramref name="Note"/> is absent.</param>
/// <param name="TechnicianId">Who to assign (assign).</param>
/// <param name="ExpectedVersion">The version the caller saw; a different current one gives 409.</param>
public sealed record TransitionBody(string? Note = null, string? Reason = null, string? TechnicianId = null, int? ExpectedVersion = null);
