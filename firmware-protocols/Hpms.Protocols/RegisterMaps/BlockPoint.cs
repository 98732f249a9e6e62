namespace Hpms.Protocols.RegisterMaps;

/// <summary>A point inside a <see cref="ReadBlock"/>.</summary>
/// <param name="Point">The point.</param>
/// <param name="Offset">Registers (or bits) from the block's start address to the point's address.</param>
public readonly record struct BlockPoint(RegisterPoint Point, int Offset);
