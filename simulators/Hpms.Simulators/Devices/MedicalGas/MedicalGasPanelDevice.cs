using System.Collections.Concurrent;
using System.Globalization;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices.MedicalGas;

/// <summary>
/// A medical-gas area alarm and manifold panel (<c>medical-gas-panel</c> map). Oxygen leaves the plant
/// room at a flow that follows the hospital's activity; a share of it comes from the O2 cylinder
/// manifold and the rest from the liquid-oxygen tank (when either source is empty the other carries
/// the whole flow; with both gone the O2 line loses pressure). N2O comes from its own manifold.
/// Line pressures wander around nominal and are judged against their limits.
/// </summary>
public sealed class MedicalGasPanelDevice : SteppedModbusDevice
{
    private const int O2 = 0;
    private const int Air = 1;
    private const int N2o = 2;
    private const int Vacuum = 3;
    private const double LineNominalKPa = 362.0;
    private const double VacuumNominalKPa = 65.0;
    private const double VacuumLowKPa = 40.0;
    private const double LineHighKPa = LineNominalKPa * 1.2;
    private const double LineLowKPa = LineNominalKPa * 0.8;
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(10);

    private readonly DeviceRegisters _registers;
    private readonly CylinderManifold _o2Manifold;
    private readonly CylinderManifold _n2oManifold;
    private readonly LiquidOxygenTank _lox;
    private readonly double _o2MeanFlowLpm;
    private readonly double _n2oMeanFlowLpm;
    private readonly double _manifoldShare;
    private readonly double _loxLowPercent;
    private readonly double[] _lineNoise = new double[4];
    private readonly double[] _lineDropKPa = new double[4];
    private readonly double[] _pressureKPa = new double[4];
    private readonly Points _points;

    private double _o2HighLimitKPa = LineHighKPa;
    private double _o2LowLimitKPa = LineLowKPa;
    private double _flowNoise;
    private double _o2FlowLpm;

    /// <summary>Creates a panel.</summary>
    /// <param name="context">Identity, randomness, flow profile, truth log.</param>
    /// <param name="registers">Tables of the <c>medical-gas-panel</c> map.</param>
    /// <param name="settings">
    /// <c>o2FlowLpm</c> (weekday mean), <c>manifoldShare</c> (0..1 of O2 from cylinders), <c>bankLitres</c>,
    /// <c>primaryPercent</c> (default: random), <c>loxCapacityLitres</c>, <c>loxLevelPercent</c>, <c>loxLowPercent</c>,
    /// <c>n2oFlowLpm</c>, <c>n2oBankLitres</c>.
    /// </param>
    public MedicalGasPanelDevice(DeviceContext context, DeviceRegisters registers, DeviceSettings settings)
        : base(context, registers, s_step)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(settings);
        _registers = registers;
        _points = new Points(registers);

        _o2MeanFlowLpm = settings.Number("o2FlowLpm", 250, 0, 20_000);
        _manifoldShare = settings.Number("manifoldShare", 0.1, 0, 1);
        double bankLitres = settings.Number("bankLitres", 68_000, 100, 10_000_000);
        double primaryPercent = settings.Number("primaryPercent", 20 + (80 * context.Random.NextDouble()), 0, 100);
        double loxCapacityLitres = settings.Number("loxCapacityLitres", 8_000_000, 1000, 100_000_000);
        double loxLevelPercent = settings.Number("loxLevelPercent", 80, 0, 100);
        _loxLowPercent = settings.Number("loxLowPercent", 25, 0, 100);
        _n2oMeanFlowLpm = settings.Number("n2oFlowLpm", 6, 0, 1000);
        double n2oBankLitres = settings.Number("n2oBankLitres", 30_000, 100, 10_000_000);

        _o2Manifold = new CylinderManifold(bankLitres, bankLitres * primaryPercent / 100);
        _n2oManifold = new CylinderManifold(n2oBankLitres, n2oBankLitres * (0.2 + (0.8 * context.Random.NextDouble())));
        _lox = new LiquidOxygenTank(loxCapacityLitres, loxLevelPercent);

        registers.Set(_points.O2HighLimit, _o2HighLimitKPa);
        registers.Set(_points.O2LowLimit, _o2LowLimitKPa);
        UpdatePressures();
        Serve();
    }

    /// <summary>Gets the device class as scenarios name it.</summary>
    public static DeviceClassInfo Info { get; } = new(
        "medical-gas-panel",
        "medical-gas-panel",
        [
            new EventSpec("bank-switchover", "The O2 primary bank goes empty now; the manifold switches over to reserve.", DurationRule.None),
            new EventSpec("bank-replaced", "A fresh O2 primary bank is fitted and back in service.", DurationRule.None),
            new EventSpec("tank-low", "The liquid-oxygen tank level is set to level %.", DurationRule.None, new ParameterSpec("level", 10, 0, 100)),
            new EventSpec("lox-refill", "A LOX delivery fills the tank to level %.", DurationRule.None, new ParameterSpec("level", 95, 0, 100)),
            new EventSpec(
                "pressure-drop",
                "A line (0 O2, 1 air, 2 N2O, 3 vacuum) loses kPa for the duration.",
                DurationRule.Required,
                new ParameterSpec("line", 0, 0, 3),
                new ParameterSpec("kPa", 100, 0, 400)),
        ],
        (context, registers, settings) => new MedicalGasPanelDevice(
            context,
            registers ?? throw new ArgumentNullException(nameof(registers), "medical-gas-panel is a Modbus device."),
            settings));

    /// <summary>Gets the O2 cylinder manifold.</summary>
    public CylinderManifold O2Manifold => _o2Manifold;

    /// <summary>Gets the liquid-oxygen tank.</summary>
    public LiquidOxygenTank Lox => _lox;

    /// <summary>Gets the share of O2 flow drawn from the cylinder manifold while both sources can supply.</summary>
    public double ManifoldShare => _manifoldShare;

    /// <inheritdoc/>
    public override void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        switch (scenarioEvent.Kind)
        {
            case "bank-switchover":
                if (_o2Manifold.EmptyPrimary())
                {
                    RecordSwitchover("o2", now);
                }

                break;
            case "bank-replaced":
                _o2Manifold.ReplacePrimary();
                break;
            case "tank-low":
            case "lox-refill":
                _lox.SetLevel(scenarioEvent.Number("level"));
                break;
            case "pressure-drop":
                _lineDropKPa[(int)Math.Round(scenarioEvent.Number("line"))] = phase == EventPhase.Start ? scenarioEvent.Number("kPa") : 0;
                break;
            default:
                throw new ArgumentException($"medical-gas-panel does not handle '{scenarioEvent.Kind}'.", nameof(scenarioEvent));
        }

        UpdatePressures();
        Serve();
    }

    /// <inheritdoc/>
    protected override void ApplyClientWrite(RegisterPoint point, double value)
    {
        if (point == _points.O2HighLimit)
        {
            _o2HighLimitKPa = value;
        }
        else if (point == _points.O2LowLimit)
        {
            _o2LowLimitKPa = value;
        }
    }

    /// <inheritdoc/>
    protected override void StepModel(DateTimeOffset at, double seconds)
    {
        double rate = Context.Flow.Rate(at);
        _flowNoise = ModelRandom.Wander(Context.Random, _flowNoise, 0.05, 600, seconds);
        _o2FlowLpm = Math.Max(0, _o2MeanFlowLpm * (0.3 + (0.7 * rate)) * (1 + _flowNoise));
        double o2Litres = _o2FlowLpm * seconds / 60.0;

        // Each source carries its share; an empty one leaves its share to the other.
        double fromManifold = _lox.Empty ? o2Litres : _o2Manifold.Exhausted ? 0 : o2Litres * _manifoldShare;
        if (_o2Manifold.Draw(fromManifold))
        {
            RecordSwitchover("o2", at);
        }

        _lox.Draw(o2Litres - fromManifold);

        double n2oLitres = _n2oMeanFlowLpm * rate * seconds / 60.0;
        if (_n2oManifold.Draw(n2oLitres))
        {
            RecordSwitchover("n2o", at);
        }

        for (int line = 0; line < _lineNoise.Length; line++)
        {
            _lineNoise[line] = ModelRandom.Wander(Context.Random, _lineNoise[line], line == Vacuum ? 1.0 : 2.5, 120, seconds);
        }
    }

    private void RecordSwitchover(string gas, DateTimeOffset at)
    {
        CylinderManifold manifold = gas == "o2" ? _o2Manifold : _n2oManifold;
        Context.Truth.Happened(
            Identity.Id,
            gas + "-switchover",
            string.Create(CultureInfo.InvariantCulture, $"primary empty, reserve in service, count {manifold.SwitchoverCount}"),
            at);
    }

    private void UpdatePressures()
    {
        bool o2Supplied = !(_lox.Empty && _o2Manifold.Exhausted);
        _pressureKPa[O2] = o2Supplied ? LineNominalKPa + _lineNoise[O2] - _lineDropKPa[O2] : 0;
        _pressureKPa[Air] = LineNominalKPa + _lineNoise[Air] - _lineDropKPa[Air];
        _pressureKPa[N2o] = _n2oManifold.Exhausted ? 0 : LineNominalKPa + _lineNoise[N2o] - _lineDropKPa[N2o];
        _pressureKPa[Vacuum] = VacuumNominalKPa + _lineNoise[Vacuum] - _lineDropKPa[Vacuum];
        for (int line = 0; line < _pressureKPa.Length; line++)
        {
            _pressureKPa[line] = Math.Max(0, _pressureKPa[line]);
        }
    }

    /// <inheritdoc/>
    protected override void Serve()
    {
        UpdatePressures();
        DeviceRegisters r = _registers;
        r.Set(_points.O2Pressure, _pressureKPa[O2]);
        r.Set(_points.AirPressure, _pressureKPa[Air]);
        r.Set(_points.N2oPressure, _pressureKPa[N2o]);
        r.Set(_points.VacuumPressure, _pressureKPa[Vacuum]);
        r.Set(_points.LoxLevel, _lox.LevelPercent);
        r.Set(_points.LoxContents, _lox.ContentsLitres);
        r.Set(_points.O2Flow, _o2FlowLpm);
        r.Set(_points.O2High, _pressureKPa[O2] > _o2HighLimitKPa ? 1 : 0);
        r.Set(_points.O2Low, _pressureKPa[O2] < _o2LowLimitKPa ? 1 : 0);
        r.Set(_points.AirHigh, _pressureKPa[Air] > LineHighKPa ? 1 : 0);
        r.Set(_points.AirLow, _pressureKPa[Air] < LineLowKPa ? 1 : 0);
        r.Set(_points.N2oHigh, _pressureKPa[N2o] > LineHighKPa ? 1 : 0);
        r.Set(_points.N2oLow, _pressureKPa[N2o] < LineLowKPa ? 1 : 0);
        r.Set(_points.VacuumLow, _pressureKPa[Vacuum] < VacuumLowKPa ? 1 : 0);
        r.Set(_points.LoxLow, _lox.LevelPercent < _loxLowPercent ? 1 : 0);
        r.Set(_points.O2Switchovers, _o2Manifold.SwitchoverCount);
        r.Set(_points.N2oSwitchovers, _n2oManifold.SwitchoverCount);
        ServeManifold(_o2Manifold, _points.O2PrimaryInService, _points.O2PrimaryEmpty, _points.O2ReserveInService, _points.O2ReserveEmpty);
        ServeManifold(_n2oManifold, _points.N2oPrimaryInService, _points.N2oPrimaryEmpty, _points.N2oReserveInService, _points.N2oReserveEmpty);
    }

    private void ServeManifold(CylinderManifold manifold, RegisterPoint primaryInService, RegisterPoint primaryEmpty, RegisterPoint reserveInService, RegisterPoint reserveEmpty)
    {
        _registers.Set(primaryInService, manifold.ReserveInService ? 0 : 1);
        _registers.Set(primaryEmpty, manifold.PrimaryEmpty ? 1 : 0);
        _registers.Set(reserveInService, manifold.ReserveInService ? 1 : 0);
        _registers.Set(reserveEmpty, manifold.ReserveEmpty ? 1 : 0);
    }

    /// <summary>The map's points, resolved once.</summary>
    private sealed class Points(DeviceRegisters r)
    {
        public RegisterPoint O2Pressure { get; } = r.Point("o2.pressure");

        public RegisterPoint AirPressure { get; } = r.Point("air.pressure");

        public RegisterPoint N2oPressure { get; } = r.Point("n2o.pressure");

        public RegisterPoint VacuumPressure { get; } = r.Point("vacuum.pressure");

        public RegisterPoint LoxLevel { get; } = r.Point("lox.level");

        public RegisterPoint O2High { get; } = r.Point("alarm.o2.high");

        public RegisterPoint O2Low { get; } = r.Point("alarm.o2.low");

        public RegisterPoint AirHigh { get; } = r.Point("alarm.air.high");

        public RegisterPoint AirLow { get; } = r.Point("alarm.air.low");

        public RegisterPoint N2oHigh { get; } = r.Point("alarm.n2o.high");

        public RegisterPoint N2oLow { get; } = r.Point("alarm.n2o.low");

        public RegisterPoint VacuumLow { get; } = r.Point("alarm.vacuum.low");

        public RegisterPoint LoxLow { get; } = r.Point("alarm.lox.low");

        public RegisterPoint LoxContents { get; } = r.Point("lox.contents");

        public RegisterPoint O2Flow { get; } = r.Point("o2.flow");

        public RegisterPoint O2Switchovers { get; } = r.Point("o2.switchover-count");

        public RegisterPoint N2oSwitchovers { get; } = r.Point("n2o.switchover-count");

        public RegisterPoint O2HighLimit { get; } = r.Point("o2.pressure.high-limit");

        public RegisterPoint O2LowLimit { get; } = r.Point("o2.pressure.low-limit");

        public RegisterPoint O2PrimaryInService { get; } = r.Point("o2.primary.in-service");

        public RegisterPoint O2PrimaryEmpty { get; } = r.Point("o2.primary.empty");

        public RegisterPoint O2ReserveInService { get; } = r.Point("o2.reserve.in-service");

        public RegisterPoint O2ReserveEmpty { get; } = r.Point("o2.reserve.empty");

        public RegisterPoint N2oPrimaryInService { get; } = r.Point("n2o.primary.in-service");

        public RegisterPoint N2oPrimaryEmpty { get; } = r.Point("n2o.primary.empty");

        public RegisterPoint N2oReserveInService { get; } = r.Point("n2o.reserve.in-service");

        public RegisterPoint N2oReserveEmpty { get; } = r.Point("n2o.reserve.empty");
    }
}
