using Hpms.Protocols.Registers;

namespace Hpms.Protocols.RegisterMaps;

/// <summary>The register map of one device class, as loaded by <see cref="RegisterMapLoader"/>.</summary>
public sealed class RegisterMap
{
    private readonly IReadOnlyList<RegisterPoint> _points = [];
    private readonly Dictionary<string, RegisterPoint> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Device class id, e.g. <c>cold-chain-fridge</c>.</summary>
    public required string DeviceClass { get; init; }

    /// <summary>Manufacturer.</summary>
    public string Vendor { get; init; } = string.Empty;

    /// <summary>Model name.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>What the device is.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Unit id used when the deployment does not set one.</summary>
    public byte DefaultUnitId { get; init; } = 1;

    /// <summary>Word order for points that do not set one.</summary>
    public WordOrder DefaultWordOrder { get; init; } = WordOrder.ABCD;

    /// <summary>Planner hint: largest register gap worth reading through; overrides <see cref="PollPlannerOptions.MaxGapRegisters"/>.</summary>
    public int? MaxGap { get; init; }

    /// <summary>Where the map came from (file name), for messages.</summary>
    public string SourceName { get; init; } = string.Empty;

    /// <summary>All points with repeats expanded, in file order.</summary>
    public required IReadOnlyList<RegisterPoint> Points
    {
        get => _points;
        init
        {
            _points = [.. value];
            foreach (RegisterPoint point in _points)
            {
                _byName.TryAdd(point.Name, point);
            }
        }
    }

    /// <summary>Finds a point by name (case-insensitive).</summary>
    /// <param name="name">The point name.</param>
    /// <param name="point">The point, when found.</param>
    /// <returns>Whether the point exists.</returns>
    public bool TryGetPoint(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisterPoint? point) =>
        _byName.TryGetValue(name, out point);
}
