using System.Collections.Concurrent;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices.ColdChain;

/// <summary>
/// A cold-chain fridge or freezer controller (<c>cold-chain-fridge</c> map): runs a
/// <see cref="FridgeThermalModel"/>, opens the door as often as the hospital is busy, defrosts freezers
/// periodically, and serves what a real logger would: both probes, humidity, alarms after their delays,
/// min/max and excursion time since the last reset.
/// </summary>
public sealed class ColdChainFridgeDevice : SteppedModbusDevice
{
    private const double ProbeOpenReadingC = -90.0;
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_defrostLength = TimeSpan.FromMinutes(20);

    private readonly DeviceRegisters _registers;
    private readonly FridgeThermalModel _model;
    private readonly double _doorOpeningsPerHour;
    private readonly double _doorAlarmSeconds;
    private readonly double _defrostIntervalSeconds;
    private readonly Points _points;

    private double _highLimitC;
    private double _lowLimitC;
    private double _alarmDelaySeconds;
    private double _probe1Noise;
    private double _probe2Noise;
    private double _naturalDoorSeconds;
    private bool _doorHeld;
    private double _doorOpenSeconds;
    private bool _compressorFailed;
    private bool _powerFailed;
    private int _faultyProbe;
    private double _sinceDefrostSeconds;
    private double _defrostLeftSeconds;
    private double _aboveSeconds;
    private double _belowSeconds;
    private bool _highAlarm;
    private bool _lowAlarm;
    private double _minC;
    private double _maxC;
    private double _excursionSeconds;

    /// <summary>Creates a fridge (or a freezer with setting <c>kind</c> = <c>freezer</c>).</summary>
    /// <param name="context">Identity, randomness, flow profile.</param>
    /// <param name="registers">Tables of the <c>cold-chain-fridge</c> map.</param>
    /// <param name="settings">
    /// <c>kind</c> (fridge|freezer), <c>setpointC</c>, <c>ambientC</c>, <c>doorOpeningsPerHour</c> (weekday mean),
    /// <c>doorAlarmDelay</c>, <c>defrostInterval</c> (00:00:00 = none), <c>highLimitC</c>, <c>lowLimitC</c>, <c>alarmDelaySeconds</c>.
    /// </param>
    public ColdChainFridgeDevice(DeviceContext context, DeviceRegisters registers, DeviceSettings settings)
        : base(context, registers, s_step)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(settings);
        _registers = registers;
        _points = new Points(registers);

        string kind = settings.Text("kind", "fridge");
        bool freezer = kind == "freezer";
        if (!freezer && kind != "fridge")
        {
            settings.Error("kind", $"'{kind}' is not fridge or freezer.");
        }

        double setpointC = settings.Number("setpointC", freezer ? -20.0 : 5.0, -80, 20);
        double ambientC = settings.Number("ambientC", 22.0, -10, 45);
        _doorOpeningsPerHour = settings.Number("doorOpeningsPerHour", freezer ? 1.0 : 2.0, 0, 120);
        _doorAlarmSeconds = settings.Duration("doorAlarmDelay", TimeSpan.FromMinutes(2)).TotalSeconds;
        _defrostIntervalSeconds = settings.Duration("defrostInterval", freezer ? TimeSpan.FromHours(6) : TimeSpan.Zero).TotalSeconds;
        _highLimitC = settings.Number("highLimitC", freezer ? -15.0 : 8.0, -90, 60);
        _lowLimitC = settings.Number("lowLimitC", freezer ? -30.0 : 2.0, -90, 60);
        _alarmDelaySeconds = settings.WholeNumber("alarmDelaySeconds", 900, 0, 7200);

        FridgeThermalParameters parameters = freezer ? FridgeThermalParameters.Freezer(setpointC) : FridgeThermalParameters.Fridge(setpointC);

        // Start somewhere inside the compressor band so a room full of fridges does not cycle in step.
        double startC = setpointC - parameters.BandBelowC + (context.Random.NextDouble() * (parameters.BandBelowC + parameters.BandAboveC));
        _model = new FridgeThermalModel(parameters, startC, ambientC);
        _sinceDefrostSeconds = context.Random.NextDouble() * _defrostIntervalSeconds;
        _minC = _maxC = startC;

        registers.Set(_points.HighLimit, _highLimitC);
        registers.Set(_points.LowLimit, _lowLimitC);
        registers.Set(_points.AlarmDelay, _alarmDelaySeconds);
        Serve();
    }

    /// <summary>Gets the device class as scenarios name it.</summary>
    public static DeviceClassInfo Info { get; } = new(
        "cold-chain-fridge",
        "cold-chain-fridge",
        [
            new EventSpec("door-open", "The door is held open for the duration.", DurationRule.Required),
            new EventSpec("compressor-failure", "The compressor does not run (the controller still calls for cooling).", DurationRule.Optional),
            new EventSpec("power-fail", "Mains lost: no cooling, power-fail alarm; the logger runs on battery.", DurationRule.Optional),
            new EventSpec("probe-fault", "A probe reads open circuit and the probe-fault alarm is set.", DurationRule.Optional, new ParameterSpec("probe", 2, 1, 2)),
        ],
        (context, registers, settings) => new ColdChainFridgeDevice(
            context,
            registers ?? throw new ArgumentNullException(nameof(registers), "cold-chain-fridge is a Modbus device."),
            settings));

    /// <summary>Gets the thermal model (for tests and diagnostics).</summary>
    public FridgeThermalModel Model => _model;

    /// <inheritdoc/>
    public override void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        bool start = phase == EventPhase.Start;
        switch (scenarioEvent.Kind)
        {
            case "door-open":
                _doorHeld = start;
                break;
            case "compressor-failure":
                _compressorFailed = start;
                break;
            case "power-fail":
                _powerFailed = start;
                break;
            case "probe-fault":
                _faultyProbe = start ? (int)scenarioEvent.Number("probe") : 0;
                break;
            default:
                throw new ArgumentException($"cold-chain-fridge does not handle '{scenarioEvent.Kind}'.", nameof(scenarioEvent));
        }
    }

    /// <inheritdoc/>
    protected override void ApplyClientWrite(RegisterPoint point, double value)
    {
        if (point == _points.HighLimit)
        {
            _highLimitC = value;
        }
        else if (point == _points.LowLimit)
        {
            _lowLimitC = value;
        }
        else if (point == _points.AlarmDelay)
        {
            _alarmDelaySeconds = value;
        }
        else if (point == _points.MinMaxReset && value != 0)
        {
            double probe1 = Probe1ReadingC();
            _minC = _maxC = probe1;
            _excursionSeconds = 0;
            _registers.Set(_points.MinMaxReset, 0);
        }
    }

    /// <inheritdoc/>
    protected override void StepModel(DateTimeOffset at, double seconds)
    {
        StepDoor(at, seconds);
        StepDefrost(seconds);
        _model.CoolingAvailable = !_compressorFailed && !_powerFailed;
        _model.Step(seconds);
        _probe1Noise = ModelRandom.Wander(Context.Random, _probe1Noise, 0.04, 60, seconds);
        _probe2Noise = ModelRandom.Wander(Context.Random, _probe2Noise, 0.02, 120, seconds);
        if (_faultyProbe != 1)
        {
            LogProbe1(Probe1ReadingC(), seconds);
        }
    }

    private void StepDoor(DateTimeOffset at, double seconds)
    {
        if (_naturalDoorSeconds > 0)
        {
            _naturalDoorSeconds -= seconds;
        }
        else if (Context.Random.NextDouble() < _doorOpeningsPerHour * Context.Flow.Rate(at) * seconds / 3600.0)
        {
            // Most openings are a quick grab; a few are a restock.
            _naturalDoorSeconds = 5 + (-15 * Math.Log(1 - Context.Random.NextDouble()));
        }

        _model.DoorOpen = _doorHeld || _naturalDoorSeconds > 0;
        _doorOpenSeconds = _model.DoorOpen ? _doorOpenSeconds + seconds : 0;
    }

    private void StepDefrost(double seconds)
    {
        if (_defrostIntervalSeconds <= 0 || _powerFailed)
        {
            _model.DefrostHeaterOn = false;
            return;
        }

        _sinceDefrostSeconds += seconds;
        if (_sinceDefrostSeconds >= _defrostIntervalSeconds)
        {
            _sinceDefrostSeconds = 0;
            _defrostLeftSeconds = s_defrostLength.TotalSeconds;
        }

        _defrostLeftSeconds = Math.Max(0, _defrostLeftSeconds - seconds);
        _model.DefrostHeaterOn = _defrostLeftSeconds > 0;
    }

    private void LogProbe1(double probe1C, double seconds)
    {
        _minC = Math.Min(_minC, probe1C);
        _maxC = Math.Max(_maxC, probe1C);
        bool above = probe1C > _highLimitC;
        bool below = probe1C < _lowLimitC;
        if (above || below)
        {
            _excursionSeconds += seconds;
        }

        _aboveSeconds = above ? _aboveSeconds + seconds : 0;
        _belowSeconds = below ? _belowSeconds + seconds : 0;
        _highAlarm = above && _aboveSeconds >= _alarmDelaySeconds;
        _lowAlarm = below && _belowSeconds >= _alarmDelaySeconds;
    }

    private double Probe1ReadingC() => _model.ProbeC + _probe1Noise;

    /// <inheritdoc/>
    protected override void Serve()
    {
        bool probe1Ok = _faultyProbe != 1;
        double probe1C = probe1Ok ? Probe1ReadingC() : ProbeOpenReadingC;
        _registers.Set(_points.Temperature, probe1C);
        _registers.Set(_points.Precise, probe1C);
        _registers.Set(_points.Probe2, _faultyProbe == 2 ? ProbeOpenReadingC : _model.ProductC + _probe2Noise);
        _registers.Set(_points.Humidity, _model.HumidityPercent);
        _registers.Set(_points.HighAlarm, probe1Ok && _highAlarm ? 1 : 0);
        _registers.Set(_points.LowAlarm, probe1Ok && _lowAlarm ? 1 : 0);
        _registers.Set(_points.DoorAjar, _doorOpenSeconds >= _doorAlarmSeconds ? 1 : 0);
        _registers.Set(_points.ProbeFault, _faultyProbe != 0 ? 1 : 0);
        _registers.Set(_points.PowerFail, _powerFailed ? 1 : 0);
        _registers.Set(_points.Min, _minC);
        _registers.Set(_points.Max, _maxC);
        _registers.Set(_points.Excursion, Math.Floor(_excursionSeconds));
        _registers.Set(_points.Door, _model.DoorOpen ? 1 : 0);
        _registers.Set(_points.Compressor, _model.CompressorRunning ? 1 : 0);
        _registers.Set(_points.Defrost, _model.DefrostHeaterOn ? 1 : 0);
    }

    /// <summary>The map's points, resolved once.</summary>
    private sealed class Points(DeviceRegisters r)
    {
        public RegisterPoint Temperature { get; } = r.Point("temperature");

        public RegisterPoint Probe2 { get; } = r.Point("probe2.temperature");

        public RegisterPoint Humidity { get; } = r.Point("humidity");

        public RegisterPoint HighAlarm { get; } = r.Point("alarm.high-temperature");

        public RegisterPoint LowAlarm { get; } = r.Point("alarm.low-temperature");

        public RegisterPoint DoorAjar { get; } = r.Point("alarm.door-ajar");

        public RegisterPoint ProbeFault { get; } = r.Point("alarm.probe-fault");

        public RegisterPoint PowerFail { get; } = r.Point("alarm.power-fail");

        public RegisterPoint Min { get; } = r.Point("temperature.min");

        public RegisterPoint Max { get; } = r.Point("temperature.max");

        public RegisterPoint Precise { get; } = r.Point("temperature.precise");

        public RegisterPoint Excursion { get; } = r.Point("excursion.seconds");

        public RegisterPoint HighLimit { get; } = r.Point("setpoint.high");

        public RegisterPoint LowLimit { get; } = r.Point("setpoint.low");

        public RegisterPoint AlarmDelay { get; } = r.Point("alarm.delay-seconds");

        public RegisterPoint MinMaxReset { get; } = r.Point("minmax.reset");

        public RegisterPoint Door { get; } = r.Point("door.open");

        public RegisterPoint Compressor { get; } = r.Point("compressor.running");

        public RegisterPoint Defrost { get; } = r.Point("defrost.active");
    }
}
