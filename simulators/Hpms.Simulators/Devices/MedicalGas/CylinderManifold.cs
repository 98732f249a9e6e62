namespace Hpms.Simulators.Devices.MedicalGas;

/// <summary>
/// An automatic two-bank cylinder manifold: the primary bank supplies until it is empty, then the
/// manifold switches over to the reserve (once per emptying) until someone fits a fresh primary.
/// Contents are gas volumes in litres at atmospheric pressure.
/// </summary>
public sealed class CylinderManifold
{
    /// <summary>Creates a manifold.</summary>
    /// <param name="bankLitres">Contents of a full bank.</param>
    /// <param name="primaryLitres">Contents of the primary bank now.</param>
    /// <param name="switchoverCount">Switch-overs since commissioning.</param>
    public CylinderManifold(double bankLitres, double primaryLitres, long switchoverCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bankLitres, 0);
        BankLitres = bankLitres;
        PrimaryLitres = Math.Clamp(primaryLitres, 0, bankLitres);
        ReserveLitres = bankLitres;
        SwitchoverCount = switchoverCount;
    }

    /// <summary>Gets the contents of a full bank.</summary>
    public double BankLitres { get; }

    /// <summary>Gets the primary bank's contents.</summary>
    public double PrimaryLitres { get; private set; }

    /// <summary>Gets the reserve bank's contents.</summary>
    public double ReserveLitres { get; private set; }

    /// <summary>Gets a value indicating whether the reserve is supplying (a switch-over happened and the primary is not yet replaced).</summary>
    public bool ReserveInService { get; private set; }

    /// <summary>Gets a value indicating whether the primary bank is empty.</summary>
    public bool PrimaryEmpty => PrimaryLitres <= 0;

    /// <summary>Gets a value indicating whether the reserve bank is empty.</summary>
    public bool ReserveEmpty => ReserveLitres <= 0;

    /// <summary>Gets a value indicating whether neither bank can supply.</summary>
    public bool Exhausted => PrimaryEmpty && ReserveEmpty;

    /// <summary>Gets the switch-overs since commissioning.</summary>
    public long SwitchoverCount { get; private set; }

    /// <summary>Draws gas from the bank in service.</summary>
    /// <param name="litres">Gas wanted.</param>
    /// <returns>True when this draw emptied the primary and the manifold switched over.</returns>
    public bool Draw(double litres)
    {
        if (ReserveInService)
        {
            ReserveLitres = Math.Max(0, ReserveLitres - litres);
            return false;
        }

        double fromPrimary = Math.Min(PrimaryLitres, litres);
        PrimaryLitres -= fromPrimary;
        if (PrimaryLitres > 0)
        {
            return false;
        }

        SwitchOver();
        ReserveLitres = Math.Max(0, ReserveLitres - (litres - fromPrimary));
        return true;
    }

    /// <summary>The primary goes empty now (a leak, a closed valve): the manifold switches over if it has not already.</summary>
    /// <returns>True when it switched over.</returns>
    public bool EmptyPrimary()
    {
        PrimaryLitres = 0;
        if (ReserveInService)
        {
            return false;
        }

        SwitchOver();
        return true;
    }

    /// <summary>A fresh primary bank is fitted and put back in service; the reserve keeps what is left in it.</summary>
    public void ReplacePrimary()
    {
        PrimaryLitres = BankLitres;
        ReserveInService = false;
    }

    private void SwitchOver()
    {
        ReserveInService = true;
        SwitchoverCount++;
    }
}
