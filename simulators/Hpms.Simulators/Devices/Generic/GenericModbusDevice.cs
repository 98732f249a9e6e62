using System.Text.Json;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices.Generic;

/// <summary>
/// Any vendor's device from nothing but its register-map file: each readable point starts at the
/// value the scenario gives (or its range's middle, or 0) and, when <c>wander</c> is set, drifts
/// randomly within its range, so a new device can be served to the edge before anyone models it.
/// Client writes are kept, as a device's configuration registers are.
/// </summary>
public sealed class GenericModbusDevice : SimulatedDevice
{
    private readonly DeviceRegisters _registers;
    private readonly (RegisterPoint Point, double Value)[] _points;
    private readonly double _wander;

    private GenericModbusDevice(DeviceContext context, DeviceRegisters registers, DeviceSettings settings)
        : base(context)
    {
        _registers = registers;
        _wander = settings.Number("wander", 0, 0, 1);
        var initial = new Dictionary<string, double>(StringComparer.Ordinal);
        if (settings.Element("values") is JsonElement values)
        {
            if (values.ValueKind != JsonValueKind.Object)
            {
                settings.Error("values", "must be an object of point name → number.");
            }
            else
            {
                foreach (JsonProperty property in values.EnumerateObject())
                {
                    if (!registers.Map.TryGetPoint(property.Name, out _))
                    {
                        settings.Error("values", $"'{property.Name}' is not a point of {registers.Map.SourceName}.");
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Number)
                    {
                        settings.Error("values", $"'{property.Name}' must be a number.");
                    }
                    else
                    {
                        initial[property.Name] = property.Value.GetDouble();
                    }
                }
            }
        }

        _points = [.. registers.Map.Points
            .Where(p => p.IsReadable && p.Type != Protocols.Registers.RegisterDataType.String && !p.IsWritable)
            .Select(p => (p, initial.TryGetValue(p.Name, out double v) ? v : Middle(p)))];
        foreach (RegisterPoint writable in registers.Map.Points.Where(p => p.IsWritable && p.Type != Protocols.Registers.RegisterDataType.String))
        {
            registers.Set(writable, initial.TryGetValue(writable.Name, out double v) ? v : Middle(writable));
        }
    }

    /// <summary>Gets the class: <c>generic-modbus</c>, map named by the scenario entry.</summary>
    public static DeviceClassInfo Info { get; } = new(
        "generic-modbus",
        "generic",
        [],
        (context, registers, settings) => new GenericModbusDevice(context, registers!, settings),
        MapFromScenario: true);

    /// <inheritdoc/>
    public override void Advance(DateTimeOffset now, TimeSpan elapsed)
    {
        for (int i = 0; i < _points.Length; i++)
        {
            (RegisterPoint point, double value) = _points[i];
            if (_wander > 0 && elapsed > TimeSpan.Zero && point.Type is not (Protocols.Registers.RegisterDataType.Bool or Protocols.Registers.RegisterDataType.Bit))
            {
                double span = (point.Max ?? (value + 10)) - (point.Min ?? (value - 10));
                value += (Context.Random.NextDouble() - 0.5) * span * _wander;
                value = Math.Clamp(value, point.Min ?? double.MinValue, point.Max ?? double.MaxValue);
                _points[i].Value = value;
            }

            _registers.Set(point, value);
        }
    }

    /// <inheritdoc/>
    public override void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        // Declares no events of its own; wire faults are handled by the endpoint.
    }

    private static double Middle(RegisterPoint point) =>
        point.Min is double min && point.Max is double max ? (min + max) / 2 : point.Min ?? 0;
}
