namespace Hpms.Simulators.Devices.MedicalGas;

/// <summary>A liquid-oxygen tank (VIE) counted in gas-equivalent litres at the vaporiser outlet.</summary>
public sealed class LiquidOxygenTank
{
    /// <summary>Creates a tank.</summary>
    /// <param name="capacityLitres">Full tank, gas equivalent.</param>
    /// <param name="levelPercent">Level now.</param>
    public LiquidOxygenTank(double capacityLitres, double levelPercent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacityLitres, 0);
        CapacityLitres = capacityLitres;
        SetLevel(levelPercent);
    }

    /// <summary>Gets the capacity (gas equivalent).</summary>
    public double CapacityLitres { get; }

    /// <summary>Gets the contents (gas equivalent).</summary>
    public double ContentsLitres { get; private set; }

    /// <summary>Gets the level as a share of capacity.</summary>
    public double LevelPercent => 100.0 * ContentsLitres / CapacityLitres;

    /// <summary>Gets a value indicating whether the tank is empty.</summary>
    public bool Empty => ContentsLitres <= 0;

    /// <summary>Draws gas; the tank cannot go below empty.</summary>
    /// <param name="litres">Gas drawn.</param>
    public void Draw(double litres) => ContentsLitres = Math.Max(0, ContentsLitres - litres);

    /// <summary>Sets the level (a delivery, or a scenario placing it low).</summary>
    /// <param name="levelPercent">New level.</param>
    public void SetLevel(double levelPercent) => ContentsLitres = CapacityLitres * Math.Clamp(levelPercent, 0, 100) / 100.0;
}
