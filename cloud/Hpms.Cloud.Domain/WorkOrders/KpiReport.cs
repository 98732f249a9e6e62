namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>Maintenance KPIs of one team over [<paramref name="FromUnixMs"/>, <paramref name="ToUnixMs"/>); a ratio with nothing to divide is null.</summary>
/// <param name="FromUnixMs">Period start (inclusive).</param>
/// <param name="ToUnixMs">Period end (exclusive).</param>
/// <param name="Team">The team.</param>
/// <param name="Created">Work orders created in the period (the cohort the ratios are over).</param>
/// <param name="MeanResponse">Mean created → first accepted, over the cohort's accepted ones.</param>
/// <param name="MeanResolution">Mean created → resolved, over the cohort's resolved ones.</param>
/// <param name="ResponseCompliancePercent">Accepted by the deadline, of those accepted or past their deadline by the period end.</param>
/// <param name="ResolutionCompliancePercent">Resolved by the deadline, of those resolved or past their deadline by the period end.</param>
/// <param name="FirstTimeFixPercent">Never reopened, of the resolved ones.</param>
/// <param name="ClosureRatePercent">Closed by the period end, of the cohort without cancelled work.</param>
/// <param name="Backlog">Open at the period end (created before it, neither closed nor cancelled by then), any creation date.</param>
public sealed record KpiReport(
    long FromUnixMs,
    long ToUnixMs,
    string Team,
    int Created,
    TimeSpan? MeanResponse,
    TimeSpan? MeanResolution,
    double? ResponseCompliancePercent,
    double? ResolutionCompliancePercent,
    double? FirstTimeFixPercent,
    double? ClosureRatePercent,
    int Backlog);
