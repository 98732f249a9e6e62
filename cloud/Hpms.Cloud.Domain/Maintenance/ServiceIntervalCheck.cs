using System.Globalization;

namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// Services fall due at every multiple of the interval of the fan's running hours (the counter runs
/// since commissioning). A work order opens once the next multiple is within reach; its reference names
/// the multiple (<c>run-hours:8000</c>) so a service done early is not asked for again.
/// </summary>
public static class ServiceIntervalCheck
{
    /// <summary>Assesses one fan.</summary>
    /// <param name="runHours">The newest running-hours reading, or null.</param>
    /// <param name="policy">Interval and margin.</param>
    /// <returns>The finding, or null.</returns>
    public static MaintenanceFinding? Assess(double? runHours, ServicePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (runHours is not double hours || !double.IsFinite(hours) || hours < 0)
        {
            return null;
        }

        double due = Math.Max(1, Math.Ceiling(hours / policy.IntervalHours)) * policy.IntervalHours;
        double left = due - hours;
        if (left > policy.DueWithinHours)
        {
            return null;
        }

        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"Fan run hours {Figures.Number(hours, 0)} h; service due at {Figures.Number(due, 0)} h (interval {Figures.Number(policy.IntervalHours, 0)} h), {Figures.Number(left, 0)} h left.");
        return new MaintenanceFinding(
            MaintenanceCauses.ServiceInterval,
            "P4",
            string.Create(CultureInfo.InvariantCulture, $"Fan service due at {Figures.Number(due, 0)} running hours"),
            description,
            string.Create(CultureInfo.InvariantCulture, $"run-hours:{Figures.Number(due, 0)}"));
    }
}
