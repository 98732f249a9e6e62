namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>How fast work of one priority must be answered and finished.</summary>
/// <param name="Response">From creation to accepted.</param>
/// <param name="Resolution">From creation to resolved.</param>
public sealed record SlaTarget(TimeSpan Response, TimeSpan Resolution);
