using Hpms.Protocols.RegisterMaps;

namespace Hpms.Edge.Commands;

/// <summary>One engineering value to write to one register-map point.</summary>
/// <param name="Point">A writable point of the device's map.</param>
/// <param name="Value">The value (1/0 for coils), already range-checked against the map.</param>
public sealed record PointWrite(RegisterPoint Point, double Value);
