namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>A reason to open a predictive work order, with the figures behind it.</summary>
/// <param name="Cause">One of <see cref="MaintenanceCauses"/>.</param>
/// <param name="Priority">P1 … P4.</param>
/// <param name="Title">One line for the technician.</param>
/// <param name="Description">The figures: current value, slope, fit quality, predicted crossing.</param>
/// <param name="Reference">What the finding is about when a cause recurs on the same asset (e.g. <c>run-hours:8000</c>), else the trend's name.</param>
public sealed record MaintenanceFinding(string Cause, string Priority, string Title, string Description, string Reference);
