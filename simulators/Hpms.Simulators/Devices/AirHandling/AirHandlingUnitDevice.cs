using System.Collections.Concurrent;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices.AirHandling;

/// <summary>
/// An air-handling unit serving a theatre or isolation room (<c>air-handling-unit</c> map): a
/// <see cref="SupplyFanModel"/> and a <see cref="FilterLoadingModel"/>, supply air tracking its writable
/// setpoints with a little of the outdoor day showing through, and the room held at its pressure
/// setpoint while air flows.
/// </summary>
public sealed class AirHandlingUnitDevice : SteppedModbusDevice
{
    private const double SupplyTrackingSeconds = 300;
    private const double OffDriftSeconds = 1800;
    private const double OutdoorCoupling = 0.04;
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(5);

    private readonly DeviceRegisters _registers;
    private readonly SupplyFanModel _fan;
    private readonly FilterLoadingModel _filter;
    private readonly double _outdoorMeanC;
    private readonly double _outdoorSwingC;
    private readonly Points _points;

    private double _temperatureSetpointC;
    private double _humiditySetpointPercent;
    private double _roomSetpointPa;
    private double _finalResistancePa;
    private double _supplyC;
    private double _supplyHumidityPercent;
    private double _returnC;
    private double _roomPa;
    private double _temperatureNoise;
    private double _humidityNoise;
    private double _roomNoise;
    private double _vibrationNoise;

    /// <summary>Creates a unit.</summary>
    /// <param name="context">Identity, randomness, flow profile.</param>
    /// <param name="registers">Tables of the <c>air-handling-unit</c> map.</param>
    /// <param name="settings">
    /// <c>supplyTemperatureC</c>, <c>supplyHumidityPercent</c>, <c>roomPressurePa</c> (negative for isolation),
    /// <c>finalResistancePa</c>, <c>cleanFilterPa</c>, <c>filterLifeHours</c>, <c>filterAgeHours</c> (default: random),
    /// <c>fanSpeedPercent</c>, <c>runHours</c> (default: random), <c>fanOn</c>, <c>outdoorMeanC</c>, <c>outdoorSwingC</c>.
    /// </param>
    public AirHandlingUnitDevice(DeviceContext context, DeviceRegisters registers, DeviceSettings settings)
        : base(context, registers, s_step)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(settings);
        _registers = registers;
        _points = new Points(registers);
        Random random = context.Random;

        _temperatureSetpointC = settings.Number("supplyTemperatureC", 19, 10, 30);
        _humiditySetpointPercent = settings.Number("supplyHumidityPercent", 50, 20, 70);
        _roomSetpointPa = settings.Number("roomPressurePa", 15, -50, 50);
        _finalResistancePa = settings.WholeNumber("finalResistancePa", 450, 50, 1000);
        double cleanPa = settings.Number("cleanFilterPa", 120, 10, 1000);
        double lifeHours = settings.Number("filterLifeHours", 6000, 1, 100_000);
        double filterAgeHours = settings.Number("filterAgeHours", random.NextDouble() * lifeHours * 0.5, 0, 100_000);
        double speedPercent = settings.Number("fanSpeedPercent", 80, 30, 100);
        double runHours = settings.Number("runHours", 5000 + (random.NextDouble() * 30_000), 0, 1_000_000);
        bool fanOn = settings.Flag("fanOn", true);
        _outdoorMeanC = settings.Number("outdoorMeanC", 12, -40, 45);
        _outdoorSwingC = settings.Number("outdoorSwingC", 6, 0, 20);
        if (cleanPa >= _finalResistancePa)
        {
            settings.Error("cleanFilterPa", "must be below finalResistancePa.");
            cleanPa = _finalResistancePa / 4.0;
        }

        _filter = new FilterLoadingModel(cleanPa, _finalResistancePa, lifeHours, filterAgeHours);
        _fan = new SupplyFanModel(speedPercent, runHours, runHours * 0.00002, fanOn);
        _supplyC = _temperatureSetpointC;
        _supplyHumidityPercent = _humiditySetpointPercent;
        _returnC = _temperatureSetpointC + 2.5;
        _roomPa = fanOn ? _roomSetpointPa : 0;

        registers.Set(_points.TemperatureSetpoint, _temperatureSetpointC);
        registers.Set(_points.HumiditySetpoint, _humiditySetpointPercent);
        registers.Set(_points.RoomSetpoint, _roomSetpointPa);
        registers.Set(_points.FinalResistance, _finalResistancePa);
        registers.Set(_points.FanCommand, fanOn ? 1 : 0);
        Serve();
    }

    /// <summary>Gets the device class as scenarios name it.</summary>
    public static DeviceClassInfo Info { get; } = new(
        "air-handling-unit",
        "air-handling-unit",
        [
            new EventSpec(
                "filter-clogging",
                "The filter loads so that its ΔP reaches filter.final-resistance after reachLimitAfterHours more running hours.",
                DurationRule.None,
                new ParameterSpec("reachLimitAfterHours", 72, 0.1, 100_000)),
            new EventSpec("filter-change", "A clean filter is fitted.", DurationRule.None),
            new EventSpec("bearing-wear", "Fan bearing vibration grows factor times faster.", DurationRule.Optional, new ParameterSpec("factor", 20, 1, 10_000)),
            new EventSpec("fan-failure", "The supply fan stops whatever the command (running false).", DurationRule.Optional),
        ],
        (context, registers, settings) => new AirHandlingUnitDevice(
            context,
            registers ?? throw new ArgumentNullException(nameof(registers), "air-handling-unit is a Modbus device."),
            settings));

    /// <summary>Gets the supply fan.</summary>
    public SupplyFanModel Fan => _fan;

    /// <summary>Gets the final filter.</summary>
    public FilterLoadingModel Filter => _filter;

    /// <inheritdoc/>
    public override void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        bool start = phase == EventPhase.Start;
        switch (scenarioEvent.Kind)
        {
            case "filter-clogging":
                _filter.ReachAfter(_finalResistancePa, scenarioEvent.Number("reachLimitAfterHours"));
                break;
            case "filter-change":
                _filter.Change();
                break;
            case "bearing-wear":
                _fan.WearFactor = start ? scenarioEvent.Number("factor") : 1.0;
                break;
            case "fan-failure":
                _fan.Failed = start;
                break;
            default:
                throw new ArgumentException($"air-handling-unit does not handle '{scenarioEvent.Kind}'.", nameof(scenarioEvent));
        }

        Serve();
    }

    /// <inheritdoc/>
    protected override void ApplyClientWrite(RegisterPoint point, double value)
    {
        if (point == _points.TemperatureSetpoint)
        {
            _temperatureSetpointC = value;
        }
        else if (point == _points.HumiditySetpoint)
        {
            _humiditySetpointPercent = value;
        }
        else if (point == _points.RoomSetpoint)
        {
            _roomSetpointPa = value;
        }
        else if (point == _points.FinalResistance)
        {
            _finalResistancePa = value;
        }
        else if (point == _points.FanCommand)
        {
            _fan.Commanded = value != 0;
        }
    }

    /// <inheritdoc/>
    protected override void StepModel(DateTimeOffset at, double seconds)
    {
        bool wasRunning = _fan.Running;
        _fan.Step(seconds);
        if (wasRunning && _fan.Running)
        {
            _filter.Run(seconds / 3600.0);
        }

        // Outdoor air peaks mid-afternoon; the coil never quite hides it.
        double outdoorC = _outdoorMeanC + (_outdoorSwingC * Math.Cos(2 * Math.PI * (at.TimeOfDay.TotalHours - 15) / 24));
        double flow = _fan.Airflow;
        double temperatureTargetC = flow > 0.2 ? _temperatureSetpointC + (OutdoorCoupling * (outdoorC - _outdoorMeanC)) : _returnC;
        double humidityTarget = flow > 0.2 ? _humiditySetpointPercent - (0.3 * (outdoorC - _outdoorMeanC)) : 45;
        double tau = flow > 0.2 ? SupplyTrackingSeconds : OffDriftSeconds;
        _supplyC += (temperatureTargetC - _supplyC) * Math.Min(1, seconds / tau);
        _supplyHumidityPercent += (humidityTarget - _supplyHumidityPercent) * Math.Min(1, seconds / tau);

        // Room air: supply plus people and equipment, busier rooms a little warmer.
        double returnTargetC = _temperatureSetpointC + 2.0 + (0.8 * Context.Flow.Rate(at));
        _returnC += (returnTargetC - _returnC) * Math.Min(1, seconds / OffDriftSeconds);
        _roomPa += ((_roomSetpointPa * flow) - _roomPa) * Math.Min(1, seconds / 20);

        Random random = Context.Random;
        _temperatureNoise = ModelRandom.Wander(random, _temperatureNoise, 0.15, 120, seconds);
        _humidityNoise = ModelRandom.Wander(random, _humidityNoise, 0.8, 300, seconds);
        _roomNoise = ModelRandom.Wander(random, _roomNoise, 0.4, 30, seconds);
        _vibrationNoise = ModelRandom.Wander(random, _vibrationNoise, 0.05, 60, seconds);
    }

    /// <inheritdoc/>
    protected override void Serve()
    {
        DeviceRegisters r = _registers;
        double flow = _fan.Airflow;
        r.Set(_points.SupplyTemperature, _supplyC + _temperatureNoise);
        r.Set(_points.SupplyHumidity, _supplyHumidityPercent + _humidityNoise);
        r.Set(_points.ReturnTemperature, _returnC + (0.5 * _temperatureNoise));
        r.Set(_points.RoomPressure, _roomPa + (_roomNoise * Math.Max(0.2, flow)));
        r.Set(_points.FilterPressure, _filter.DesignPa * flow * flow);
        r.Set(_points.Vibration, Math.Max(0, _fan.VibrationMmPerS * (1 + _vibrationNoise)));
        // Whole hours, as the VFD counts them; the epsilon absorbs rounding of summed steps.
        r.Set(_points.RunHours, Math.Floor(_fan.RunHours + 1e-9));
        r.Set(_points.FanSpeed, _fan.SpeedPercent);
        r.Set(_points.FanRunning, _fan.Running ? 1 : 0);

        // The ΔP switch only sees a loaded filter while air flows through it.
        r.Set(_points.FilterAlarm, _fan.Running && _filter.DesignPa >= _finalResistancePa ? 1 : 0);
    }

    /// <summary>The map's points, resolved once.</summary>
    private sealed class Points(DeviceRegisters r)
    {
        public RegisterPoint SupplyTemperature { get; } = r.Point("supply.temperature");

        public RegisterPoint SupplyHumidity { get; } = r.Point("supply.humidity");

        public RegisterPoint RoomPressure { get; } = r.Point("room.differential-pressure");

        public RegisterPoint FilterPressure { get; } = r.Point("filter.differential-pressure");

        public RegisterPoint Vibration { get; } = r.Point("fan.vibration");

        public RegisterPoint RunHours { get; } = r.Point("fan.run-hours");

        public RegisterPoint FanSpeed { get; } = r.Point("fan.speed");

        public RegisterPoint ReturnTemperature { get; } = r.Point("return.temperature");

        public RegisterPoint TemperatureSetpoint { get; } = r.Point("supply.temperature.setpoint");

        public RegisterPoint HumiditySetpoint { get; } = r.Point("supply.humidity.setpoint");

        public RegisterPoint RoomSetpoint { get; } = r.Point("room.pressure.setpoint");

        public RegisterPoint FinalResistance { get; } = r.Point("filter.final-resistance");

        public RegisterPoint FanCommand { get; } = r.Point("fan.command");

        public RegisterPoint FanRunning { get; } = r.Point("fan.running");

        public RegisterPoint FilterAlarm { get; } = r.Point("filter.alarm");
    }
}
