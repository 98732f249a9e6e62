namespace Hpms.Simulators.Devices.AirHandling;

/// <summary>
/// The supply fan behind a VFD: it ramps to its design speed when commanded (and not failed), is proven
/// running once the airflow switch makes, counts running hours, and its bearing vibration grows slowly
/// with wear (faster under a bearing fault).
/// </summary>
public sealed class SupplyFanModel
{
    private const double RampUpPercentPerSecond = 3.0;
    private const double RampDownPercentPerSecond = 2.0;
    private const double ProvenAtPercent = 20.0;
    private const double NewBearingMmPerS = 1.0;
    private const double WearMmPerSPerHour = 0.0002;

    /// <summary>Creates a fan.</summary>
    /// <param name="designSpeedPercent">Speed the VFD runs at when commanded.</param>
    /// <param name="runHours">Running hours since commissioning.</param>
    /// <param name="wearMmPerS">Vibration already added by wear.</param>
    /// <param name="running">Whether it is commanded and already at speed.</param>
    public SupplyFanModel(double designSpeedPercent, double runHours, double wearMmPerS, bool running)
    {
        Commanded = running;
        SpeedPercent = running ? designSpeedPercent : 0;
        DesignSpeedPercent = designSpeedPercent;
        RunHours = runHours;
        WearMmPerS = wearMmPerS;
        WearFactor = 1.0;
    }

    /// <summary>Gets the design speed.</summary>
    public double DesignSpeedPercent { get; }

    /// <summary>Gets the speed now.</summary>
    public double SpeedPercent { get; private set; }

    /// <summary>Gets a value indicating whether airflow is proven.</summary>
    public bool Running => SpeedPercent >= ProvenAtPercent;

    /// <summary>Gets the running hours.</summary>
    public double RunHours { get; private set; }

    /// <summary>Gets the vibration added by bearing wear at design speed.</summary>
    public double WearMmPerS { get; private set; }

    /// <summary>Gets the speed as a share of design (0..1).</summary>
    public double Airflow => SpeedPercent / DesignSpeedPercent;

    /// <summary>Gets the noise-free vibration velocity now.</summary>
    public double VibrationMmPerS => (NewBearingMmPerS + WearMmPerS) * Airflow;

    /// <summary>Gets or sets a value indicating whether the run command is on.</summary>
    public bool Commanded { get; set; }

    /// <summary>Gets or sets a value indicating whether the fan has failed (motor trip, broken belt).</summary>
    public bool Failed { get; set; }

    /// <summary>Gets or sets how many times faster than normal the bearings wear.</summary>
    public double WearFactor { get; set; }

    /// <summary>Advances one step.</summary>
    /// <param name="seconds">Step length.</param>
    public void Step(double seconds)
    {
        bool drive = Commanded && !Failed;
        SpeedPercent = drive
            ? Math.Min(DesignSpeedPercent, SpeedPercent + (RampUpPercentPerSecond * seconds))
            : Math.Max(0, SpeedPercent - (RampDownPercentPerSecond * seconds));
        if (Running)
        {
            double hours = seconds / 3600.0;
            RunHours += hours;
            WearMmPerS += WearMmPerSPerHour * WearFactor * hours;
        }
    }
}
