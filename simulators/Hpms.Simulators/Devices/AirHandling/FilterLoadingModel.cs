namespace Hpms.Simulators.Devices.AirHandling;

/// <summary>
/// A final filter loading with dust: its pressure drop at design airflow grows by a fixed fraction
/// per running hour (exponential), so it rises slowly when clean and faster as it loads. Because the
/// curve is exponential, "reach the final resistance after N more running hours" has an exact growth
/// rate, which is how scenarios state when a filter needs changing.
/// </summary>
public sealed class FilterLoadingModel
{
    private readonly double _defaultGrowthPerHour;

    /// <summary>Creates a filter.</summary>
    /// <param name="cleanPa">Pressure drop of a clean filter at design airflow.</param>
    /// <param name="lifeToPa">Pressure drop the normal life runs to (the final resistance).</param>
    /// <param name="lifeHours">Running hours from clean to <paramref name="lifeToPa"/> in normal service.</param>
    /// <param name="ageHours">Running hours the fitted filter has already done.</param>
    public FilterLoadingModel(double cleanPa, double lifeToPa, double lifeHours, double ageHours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cleanPa, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifeToPa, cleanPa);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifeHours, 0);
        CleanPa = cleanPa;
        _defaultGrowthPerHour = Math.Log(lifeToPa / cleanPa) / lifeHours;
        GrowthPerHour = _defaultGrowthPerHour;
        DesignPa = cleanPa * Math.Exp(GrowthPerHour * ageHours);
    }

    /// <summary>Gets the clean filter's pressure drop.</summary>
    public double CleanPa { get; }

    /// <summary>Gets the pressure drop at design airflow now.</summary>
    public double DesignPa { get; private set; }

    /// <summary>Gets the relative growth per running hour.</summary>
    public double GrowthPerHour { get; private set; }

    /// <summary>Loads the filter for some running time.</summary>
    /// <param name="runningHours">Hours the fan ran.</param>
    public void Run(double runningHours) => DesignPa *= Math.Exp(GrowthPerHour * runningHours);

    /// <summary>Makes the filter load so that it reaches <paramref name="finalPa"/> after exactly <paramref name="runningHours"/> more running hours.</summary>
    /// <param name="finalPa">Final resistance.</param>
    /// <param name="runningHours">Running hours from now.</param>
    public void ReachAfter(double finalPa, double runningHours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(runningHours, 0);
        GrowthPerHour = DesignPa >= finalPa ? _defaultGrowthPerHour : Math.Log(finalPa / DesignPa) / runningHours;
    }

    /// <summary>A clean filter is fitted; loading returns to its normal pace.</summary>
    public void Change()
    {
        DesignPa = CleanPa;
        GrowthPerHour = _defaultGrowthPerHour;
    }
}
