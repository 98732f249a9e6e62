namespace Hpms.Edge.Rules;

/// <summary>
/// Mean kinetic temperature (USP &lt;1079.2&gt;, Haynes 1971): the single temperature that would degrade a
/// product as much as the observed profile, T_K = (ΔH/R) / −ln(Σ tᵢ·e^(−ΔH/(R·Tᵢ)) / Σ tᵢ) with Tᵢ in kelvin,
/// tᵢ the time spent at Tᵢ and ΔH/R = 10,000 K (ΔH = 83.144 kJ/mol, the customary default).
/// </summary>
public static class MeanKineticTemperature
{
    /// <summary>ΔH/R in kelvin.</summary>
    public const double ActivationEnergyOverGasConstantK = 10_000.0;

    /// <summary>0 °C in kelvin.</summary>
    public const double ZeroCelsiusK = 273.15;

    /// <summary>The Arrhenius weight e^(−ΔH/(R·T)) of one temperature, the quantity MKT averages.</summary>
    /// <param name="temperatureC">Temperature in °C.</param>
    /// <returns>The weight.</returns>
    public static double Weight(double temperatureC) => Math.Exp(-ActivationEnergyOverGasConstantK / (temperatureC + ZeroCelsiusK));

    /// <summary>MKT in °C from a time-weighted sum of <see cref="Weight"/>s.</summary>
    /// <param name="sumOfDurationTimesWeight">Σ tᵢ·Weight(Tᵢ).</param>
    /// <param name="sumOfDurations">Σ tᵢ (any time unit, the same as in the first sum).</param>
    /// <returns>MKT in °C, or null when no time was accumulated.</returns>
    public static double? FromSums(double sumOfDurationTimesWeight, double sumOfDurations)
    {
        if (sumOfDurations <= 0 || sumOfDurationTimesWeight <= 0)
        {
            return null;
        }

        return ActivationEnergyOverGasConstantK / -Math.Log(sumOfDurationTimesWeight / sumOfDurations) - ZeroCelsiusK;
    }

    /// <summary>MKT in °C of equally spaced readings.</summary>
    /// <param name="temperaturesC">Readings in °C.</param>
    /// <returns>MKT in °C, or null when there are none.</returns>
    public static double? FromEquallySpaced(ReadOnlySpan<double> temperaturesC)
    {
        double sum = 0;
        foreach (double t in temperaturesC)
        {
            sum += Weight(t);
        }

        return FromSums(sum, temperaturesC.Length);
    }
}
