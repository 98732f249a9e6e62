namespace Hpms.Cloud.WorkOrders;

/// <summary>A reason to open a work order, from an event, a trend or a person.</summary>
/// <param name="AssetId">The asset (device id) the work is on.</param>
/// <param name="Cause">Why, stable per condition (e.g. <c>filter-clogging</c>, <c>cold-chain-excursion</c>): one open work order per asset and cause.</param>
/// <param name="Title">One line for the technician.</param>
/// <param name="Description">Details: values, limits, predicted crossing.</param>
/// <param name="Priority">P1 (most urgent) … P4.</param>
/// <param name="Skill">Skill needed (<c>refrigeration</c>, <c>hvac</c>, <c>medical-gas</c>, <c>cabinet</c>, <c>general</c>).</param>
/// <param name="Zone">Where (the device's zone), for dispatch.</param>
/// <param name="Source"><c>event</c>, <c>predictive</c> or <c>manual</c>.</param>
/// <param name="SourceRef">The event id or trend id that caused it.</param>
/// <param name="AlarmId">The alarm it belongs to, if any.</param>
public sealed record WorkOrderRequest(
    string AssetId,
    string Cause,
    string Title,
    string Description,
    string Priority,
    string Skill,
    string Zone,
    string Source,
    string? SourceRef,
    long? AlarmId);
