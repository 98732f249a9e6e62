using System.Collections.Concurrent;
using System.Globalization;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>
/// The SSC-24 smart supply cabinet served over Modbus (<c>smart-supply-cabinet.json</c>): the
/// <see cref="CabinetModel"/> mapped onto every point of the map. Clients unlock, lock down, light
/// bins and set par and reorder levels; their writes are applied at the start of the next step.
/// </summary>
public sealed class SupplyCabinetDevice : SimulatedDevice
{
    private readonly DeviceRegisters _registers;
    private readonly ConcurrentQueue<(RegisterPoint Point, double Value)> _writes = new();
    private readonly Dictionary<RegisterPoint, (WriteKind Kind, int Bin)> _writable = [];
    private readonly RegisterPoint _firmware;
    private readonly RegisterPoint _doorForced;
    private readonly RegisterPoint _tamper;
    private readonly RegisterPoint _powerFail;
    private readonly RegisterPoint _doorOpenSeconds;
    private readonly RegisterPoint _badgeLastId;
    private readonly RegisterPoint _badgeEventCount;
    private readonly RegisterPoint _unlock;
    private readonly RegisterPoint _lockdown;
    private readonly RegisterPoint _doorOpen;
    private readonly RegisterPoint _lockEngaged;
    private readonly BinPoints[] _binPoints;

    /// <summary>Creates the cabinet.</summary>
    /// <param name="context">Identity, random stream, flow, ground truth.</param>
    /// <param name="registers">Tables laid out by <c>smart-supply-cabinet.json</c>.</param>
    /// <param name="settings">Scenario settings (see <see cref="CabinetSettings"/>).</param>
    public SupplyCabinetDevice(DeviceContext context, DeviceRegisters registers, DeviceSettings settings)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(settings);
        _registers = registers;
        Model = new CabinetModel(CabinetSettings.Read(settings, context.Random), context);
        _firmware = registers.Point("firmware.version");
        _doorForced = registers.Point("status.door-forced");
        _tamper = registers.Point("status.tamper");
        _powerFail = registers.Point("status.power-fail");
        _doorOpenSeconds = registers.Point("door.open-seconds");
        _badgeLastId = registers.Point("badge.last-id");
        _badgeEventCount = registers.Point("badge.event-count");
        _unlock = registers.Point("lock.unlock");
        _lockdown = registers.Point("lock.lockdown");
        _doorOpen = registers.Point("door.open");
        _lockEngaged = registers.Point("lock.engaged");
        _writable[_unlock] = (WriteKind.Unlock, 0);
        _writable[_lockdown] = (WriteKind.Lockdown, 0);
        _binPoints = new BinPoints[CabinetSettings.MaxBins];
        for (int n = 1; n <= CabinetSettings.MaxBins; n++)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"bin{n:00}.");
            var points = new BinPoints(
                prefix + "lot",
                registers.Point(prefix + "count"),
                registers.Point(prefix + "item-code"),
                registers.Point(prefix + "expiry"),
                registers.Point(prefix + "par"),
                registers.Point(prefix + "reorder-point"),
                registers.Point(prefix + "pick-light"));
            _binPoints[n - 1] = points;
            _writable[points.Par] = (WriteKind.Par, n);
            _writable[points.ReorderPoint] = (WriteKind.ReorderPoint, n);
            _writable[points.Light] = (WriteKind.Light, n);
        }

        registers.PointWritten += (point, value) => _writes.Enqueue((point, value));
        WriteStatic();
        WriteState();
    }

    private enum WriteKind
    {
        Unlock,
        Lockdown,
        Par,
        ReorderPoint,
        Light,
    }

    /// <summary>Gets the class as scenarios name it, with its events.</summary>
    public static DeviceClassInfo Info { get; } = new(
        "smart-supply-cabinet",
        "smart-supply-cabinet",
        SupplyCabinetEvents.All,
        (context, registers, settings) => new SupplyCabinetDevice(
            context,
            registers ?? throw new ArgumentNullException(nameof(registers), "smart-supply-cabinet serves a register map."),
            settings));

    /// <summary>Gets the stock and access model (for tests and the ground truth).</summary>
    public CabinetModel Model { get; }

    /// <inheritdoc/>
    public override void Advance(DateTimeOffset now, TimeSpan elapsed)
    {
        DateTimeOffset stepStart = now - elapsed;
        while (_writes.TryDequeue(out (RegisterPoint Point, double Value) write))
        {
            ApplyWrite(write.Point, write.Value, stepStart);
        }

        Model.Advance(now, elapsed);
        WriteState();
    }

    /// <inheritdoc/>
    public override void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        SupplyCabinetEvents.Apply(Model, scenarioEvent, phase, now);
        WriteState();
    }

    private void ApplyWrite(RegisterPoint point, double value, DateTimeOffset at)
    {
        if (!_writable.TryGetValue(point, out (WriteKind Kind, int Bin) target))
        {
            return;
        }

        bool on = value != 0;
        switch (target.Kind)
        {
            case WriteKind.Unlock when on:
                Model.RequestUnlock(at);
                break;
            case WriteKind.Unlock:
                Model.Relock(at);
                break;
            case WriteKind.Lockdown:
                Model.SetLockdown(on, at);
                break;
            case WriteKind.Par:
                Model.SetPar(target.Bin, (int)value);
                break;
            case WriteKind.ReorderPoint:
                Model.SetReorderPoint(target.Bin, (int)value, at);
                break;
            default:
                Model.SetLight(target.Bin, on, at);
                break;
        }
    }

    private void WriteStatic()
    {
        _registers.Set(_firmware, CabinetModel.FirmwareVersion);
        for (int i = 0; i < _binPoints.Length; i++)
        {
            BinPoints points = _binPoints[i];
            CabinetBin? bin = i < Model.Bins.Count ? Model.Bins[i] : null;
            _registers.Set(points.ItemCode, bin?.ItemCode ?? 0);
            _registers.Set(points.Expiry, bin?.Expiry ?? 0);
            _registers.SetText(points.LotName, bin?.Lot ?? string.Empty);
        }
    }

    private void WriteState()
    {
        CabinetModel m = Model;
        _registers.Set(_doorForced, m.DoorForced ? 1 : 0);
        _registers.Set(_tamper, m.Tamper ? 1 : 0);
        _registers.Set(_powerFail, m.PowerFail ? 1 : 0);
        _registers.Set(_doorOpenSeconds, m.DoorOpenSeconds);
        _registers.Set(_badgeLastId, m.LastBadge);
        _registers.Set(_badgeEventCount, m.BadgeEventCount);
        _registers.Set(_unlock, m.Unlocked ? 1 : 0);
        _registers.Set(_lockdown, m.Lockdown ? 1 : 0);
        _registers.Set(_doorOpen, m.DoorOpen ? 1 : 0);
        _registers.Set(_lockEngaged, m.LockEngaged ? 1 : 0);
        for (int i = 0; i < m.Bins.Count; i++)
        {
            CabinetBin bin = m.Bins[i];
            BinPoints points = _binPoints[i];
            _registers.Set(points.Count, bin.OnHand);
            _registers.Set(points.Par, bin.Par);
            _registers.Set(points.ReorderPoint, bin.ReorderPoint);
            _registers.Set(points.Light, bin.Light ? 1 : 0);
        }
    }

    /// <summary>The points of one bin, resolved once.</summary>
    private sealed record BinPoints(
        string LotName,
        RegisterPoint Count,
        RegisterPoint ItemCode,
        RegisterPoint Expiry,
        RegisterPoint Par,
        RegisterPoint ReorderPoint,
        RegisterPoint Light);
}
