namespace Hpms.Simulators.Devices.ColdChain;

/// <summary>
/// The thermal constants of one cabinet. Written as time constants and rates rather than watts and
/// joules: that is what a commissioning engineer observes (how fast it warms with the door open, how
/// long the compressor runs). Rates and the leak are referred to the light air node; the contents
/// are about 20 times heavier (<see cref="ProductToAirTime"/> ≈ 20 × <see cref="AirToProductTime"/>),
/// which is what keeps a loaded cabinet in range for hours without power.
/// </summary>
/// <param name="SetpointC">Thermostat setpoint.</param>
/// <param name="BandBelowC">Compressor stops when the air (control sensor) falls this far below the setpoint.</param>
/// <param name="BandAboveC">Compressor starts when the air (control sensor) rises this far above the setpoint.</param>
/// <param name="LeakTime">Time constant of cabinet air warming towards ambient through the walls.</param>
/// <param name="AirToProductTime">Time constant of the air settling on the contents' temperature (air side).</param>
/// <param name="ProductToAirTime">Time constant of the contents following the air (contents side; much slower).</param>
/// <param name="ProbeLag">Lag of the buffered probe 1 behind the air.</param>
/// <param name="DoorExchangeTime">Time constant of the air exchanging with the room while the door is open.</param>
/// <param name="CoolingCPerHour">Cooling the running compressor gives the air.</param>
/// <param name="DefrostHeatCPerHour">Heat the defrost heater gives the air.</param>
public sealed record FridgeThermalParameters(
    double SetpointC,
    double BandBelowC,
    double BandAboveC,
    TimeSpan LeakTime,
    TimeSpan AirToProductTime,
    TimeSpan ProductToAirTime,
    TimeSpan ProbeLag,
    TimeSpan DoorExchangeTime,
    double CoolingCPerHour,
    double DefrostHeatCPerHour)
{
    /// <summary>A vaccine/pharmacy fridge held at about 5 °C (compressor band 3.5–6 °C on the air).</summary>
    /// <param name="setpointC">Setpoint.</param>
    /// <returns>The parameters.</returns>
    public static FridgeThermalParameters Fridge(double setpointC = 5.0) => new(
        setpointC, 1.5, 1.0,
        TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(15), TimeSpan.FromHours(5),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3),
        CoolingCPerHour: 60.0, DefrostHeatCPerHour: 0.0);

    /// <summary>A pharmacy freezer held at about −20 °C (band −22..−18 °C), better insulated, with a defrost heater.</summary>
    /// <param name="setpointC">Setpoint.</param>
    /// <returns>The parameters.</returns>
    public static FridgeThermalParameters Freezer(double setpointC = -20.0) => new(
        setpointC, 2.0, 2.0,
        TimeSpan.FromHours(2), TimeSpan.FromMinutes(15), TimeSpan.FromHours(5),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3),
        CoolingCPerHour: 60.0, DefrostHeatCPerHour: 15.0);
}
