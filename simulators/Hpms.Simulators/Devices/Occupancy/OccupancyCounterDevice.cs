using System.Collections.Concurrent;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;
using Hpms.Simulators.Time;

namespace Hpms.Simulators.Devices.Occupancy;

/// <summary>
/// An overhead people counter (<c>occupancy-counter</c> map) over an <see cref="OccupancyModel"/>.
/// The counter sees each crossing: <c>people.count</c> = <c>entries</c> − <c>exits</c> + the count at
/// the last preset or counter reset. While the lens is blocked it sees nothing, so afterwards it can
/// disagree with the real population; a count that would go negative is floored and flags count drift.
/// </summary>
public sealed class OccupancyCounterDevice : SteppedModbusDevice
{
    private const double EntriesWrap = 4_294_967_296.0;
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(10);

    private readonly DeviceRegisters _registers;
    private readonly OccupancyModel _model;
    private readonly HospitalFlowProfile _profile;
    private readonly double _peoplePerSecondAtMean;
    private readonly int _startPeopleAtMean;
    private readonly Points _points;

    private bool _started;
    private double _capacity;
    private double _crowdFactor = 1.0;
    private bool _blocked;
    private bool _drift;
    private long _entries;
    private long _exits;
    private long _count;

    /// <summary>Creates a counter.</summary>
    /// <param name="context">Identity, randomness, flow profile.</param>
    /// <param name="registers">Tables of the <c>occupancy-counter</c> map.</param>
    /// <param name="settings"><c>areaType</c> (outpatient|ward|emergency|staff), <c>capacity</c>, optional <c>meanStay</c> and <c>meanFill</c>.</param>
    public OccupancyCounterDevice(DeviceContext context, DeviceRegisters registers, DeviceSettings settings)
        : base(context, registers, s_step)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(settings);
        _registers = registers;
        _points = new Points(registers);

        string areaType = settings.Text("areaType", "outpatient");
        OccupancyArea? area = null;
        foreach (OccupancyArea known in OccupancyArea.All)
        {
            area = known.Name == areaType ? known : area;
        }

        if (area is null)
        {
            settings.Error("areaType", $"'{areaType}' is not outpatient, ward, emergency or staff.");
            area = OccupancyArea.All[0];
        }

        _capacity = settings.WholeNumber("capacity", 60, 1, 5000);
        TimeSpan stay = settings.Duration("meanStay", area.MeanStay);
        if (stay < TimeSpan.FromMinutes(1))
        {
            settings.Error("meanStay", "must be at least 00:01:00.");
            stay = area.MeanStay;
        }

        double fill = settings.Number("meanFill", area.MeanFill, 0, 2);
        _profile = area.Profile(context.Flow);
        _model = new OccupancyModel(stay);
        _peoplePerSecondAtMean = _capacity * fill / stay.TotalSeconds;
        _startPeopleAtMean = (int)Math.Round(_capacity * fill);

        registers.Set(_points.Capacity, _capacity);
        Serve();
    }

    /// <summary>Gets the device class as scenarios name it.</summary>
    public static DeviceClassInfo Info { get; } = new(
        "occupancy-counter",
        "occupancy-counter",
        [
            new EventSpec("sensor-blocked", "The lens is blocked: counts freeze and the status bit is set.", DurationRule.Required),
            new EventSpec("crowd", "Extra arrivals: the arrival rate is multiplied by factor.", DurationRule.Required, new ParameterSpec("factor", 3, 1, 20)),
        ],
        (context, registers, settings) => new OccupancyCounterDevice(
            context,
            registers ?? throw new ArgumentNullException(nameof(registers), "occupancy-counter is a Modbus device."),
            settings));

    /// <summary>Gets the people really present (what the counter should show).</summary>
    public int Population => _model.Population;

    /// <inheritdoc/>
    protected override void BeforeSteps(DateTimeOffset now)
    {
        if (!_started)
        {
            // Start as if the area had been running: about the expected population for this hour.
            _started = true;
            int people = ModelRandom.Poisson(Context.Random, _startPeopleAtMean * _profile.Rate(now));
            _model.Place(people);
            _entries = _count = people;
        }
    }

    /// <inheritdoc/>
    public override void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        bool start = phase == EventPhase.Start;
        switch (scenarioEvent.Kind)
        {
            case "sensor-blocked":
                _blocked = start;
                break;
            case "crowd":
                _crowdFactor = start ? scenarioEvent.Number("factor") : 1.0;
                break;
            default:
                throw new ArgumentException($"occupancy-counter does not handle '{scenarioEvent.Kind}'.", nameof(scenarioEvent));
        }
    }

    /// <inheritdoc/>
    protected override void ApplyClientWrite(RegisterPoint point, double value)
    {
        if (point == _points.Capacity)
        {
            _capacity = value;
        }
        else if (point == _points.Preset)
        {
            _count = (long)value;
            _drift = false;
        }
        else if (point == _points.Reset && value != 0)
        {
            _entries = _exits = 0;
            _registers.Set(_points.Reset, 0);
        }
    }

    /// <inheritdoc/>
    protected override void StepModel(DateTimeOffset at, double seconds)
    {
        _model.Step(_peoplePerSecondAtMean * _profile.Rate(at) * _crowdFactor, seconds, Context.Random);
        if (_blocked)
        {
            return;
        }

        _entries += _model.Arrived;
        _exits += _model.Left;
        _count += _model.Arrived - _model.Left;
        if (_count < 0)
        {
            _count = 0;
            _drift = true;
        }
    }

    /// <inheritdoc/>
    protected override void Serve()
    {
        _registers.Set(_points.Count, _count);
        _registers.Set(_points.Entries, _entries % EntriesWrap);
        _registers.Set(_points.Exits, _exits % EntriesWrap);
        _registers.Set(_points.Blocked, _blocked ? 1 : 0);
        _registers.Set(_points.Tamper, 0);
        _registers.Set(_points.Drift, _drift ? 1 : 0);
        _registers.Set(_points.Percent, 100.0 * _count / _capacity);
    }

    /// <summary>The map's points, resolved once.</summary>
    private sealed class Points(DeviceRegisters r)
    {
        public RegisterPoint Count { get; } = r.Point("people.count");

        public RegisterPoint Entries { get; } = r.Point("entries");

        public RegisterPoint Exits { get; } = r.Point("exits");

        public RegisterPoint Blocked { get; } = r.Point("status.sensor-blocked");

        public RegisterPoint Tamper { get; } = r.Point("status.tamper");

        public RegisterPoint Drift { get; } = r.Point("status.count-drift");

        public RegisterPoint Percent { get; } = r.Point("occupancy.percent");

        public RegisterPoint Capacity { get; } = r.Point("capacity");

        public RegisterPoint Preset { get; } = r.Point("people.preset");

        public RegisterPoint Reset { get; } = r.Point("counters.reset");
    }
}
