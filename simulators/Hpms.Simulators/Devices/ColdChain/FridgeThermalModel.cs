namespace Hpms.Simulators.Devices.ColdChain;

/// <summary>
/// Pure physics of a fridge or freezer cabinet: three temperatures (the air, the buffered probe 1 that
/// lags it, the slow contents probe 2), heat leaking in from the room, warm room air flooding in while
/// the door is open, a compressor under an on/off thermostat with hysteresis on the air, a defrost heater,
/// and the cabinet's humidity. No registers, no randomness: the device decides door, power and faults.
/// </summary>
public sealed class FridgeThermalModel
{
    private const double HumidityDoorOpenPercent = 85.0;
    private const double HumidityCoolingPercent = 38.0;
    private const double HumidityIdlePercent = 52.0;

    private readonly FridgeThermalParameters _p;
    private readonly double _leakPerS;
    private readonly double _airToProductPerS;
    private readonly double _productToAirPerS;
    private readonly double _probePerS;
    private readonly double _doorPerS;
    private readonly double _coolingPerS;
    private readonly double _defrostPerS;
    private bool _calling;

    /// <summary>Creates a cabinet in equilibrium at <paramref name="startC"/>.</summary>
    /// <param name="parameters">Thermal constants.</param>
    /// <param name="startC">Initial temperature of air, probe and contents.</param>
    /// <param name="ambientC">Room temperature.</param>
    public FridgeThermalModel(FridgeThermalParameters parameters, double startC, double ambientC)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _p = parameters;
        _leakPerS = 1.0 / parameters.LeakTime.TotalSeconds;
        _airToProductPerS = 1.0 / parameters.AirToProductTime.TotalSeconds;
        _productToAirPerS = 1.0 / parameters.ProductToAirTime.TotalSeconds;
        _probePerS = 1.0 / parameters.ProbeLag.TotalSeconds;
        _doorPerS = 1.0 / parameters.DoorExchangeTime.TotalSeconds;
        _coolingPerS = parameters.CoolingCPerHour / 3600.0;
        _defrostPerS = parameters.DefrostHeatCPerHour / 3600.0;
        AirC = ProbeC = ProductC = startC;
        AmbientC = ambientC;
        HumidityPercent = HumidityIdlePercent;
        CoolingAvailable = true;
    }

    /// <summary>Gets the cabinet air temperature.</summary>
    public double AirC { get; private set; }

    /// <summary>Gets the buffered probe 1 temperature (the one the thermostat and the alarms watch).</summary>
    public double ProbeC { get; private set; }

    /// <summary>Gets the contents (probe 2) temperature.</summary>
    public double ProductC { get; private set; }

    /// <summary>Gets the relative humidity inside the cabinet.</summary>
    public double HumidityPercent { get; private set; }

    /// <summary>Gets a value indicating whether the compressor is running.</summary>
    public bool CompressorRunning => _calling && CoolingAvailable && !DefrostHeaterOn;

    /// <summary>Gets or sets the room temperature.</summary>
    public double AmbientC { get; set; }

    /// <summary>Gets or sets a value indicating whether the door is open.</summary>
    public bool DoorOpen { get; set; }

    /// <summary>Gets or sets a value indicating whether the compressor can run (false: failed or no mains).</summary>
    public bool CoolingAvailable { get; set; }

    /// <summary>Gets or sets a value indicating whether the defrost heater is on (the compressor is held off).</summary>
    public bool DefrostHeaterOn { get; set; }

    /// <summary>Advances the cabinet by one explicit Euler step (keep it ≤ 10 s; the fastest constant is the door's 3 min).</summary>
    /// <param name="seconds">Step length.</param>
    public void Step(double seconds)
    {
        // Thermostat with hysteresis on the air (the controller's own sensor sits in the air stream);
        // the buffered probe 1 shows a calmer picture of the same cycles.
        if (AirC >= _p.SetpointC + _p.BandAboveC)
        {
            _calling = true;
        }
        else if (AirC <= _p.SetpointC - _p.BandBelowC)
        {
            _calling = false;
        }

        double air = AirC;
        double dAir = ((AmbientC - air) * _leakPerS) + ((ProductC - air) * _airToProductPerS);
        if (DoorOpen)
        {
            dAir += (AmbientC - air) * _doorPerS;
        }

        if (CompressorRunning)
        {
            dAir -= _coolingPerS;
        }

        if (DefrostHeaterOn)
        {
            dAir += _defrostPerS;
        }

        AirC = air + (dAir * seconds);
        ProductC += (air - ProductC) * _productToAirPerS * seconds;
        ProbeC += (air - ProbeC) * Math.Min(1.0, _probePerS * seconds);

        // Humidity: room air floods in with the door open; a running evaporator dries the air.
        (double target, double tau) = DoorOpen
            ? (HumidityDoorOpenPercent, 60.0)
            : (CompressorRunning ? HumidityCoolingPercent : HumidityIdlePercent, 1200.0);
        HumidityPercent += (target - HumidityPercent) * Math.Min(1.0, seconds / tau);
    }
}
