using Hpms.Protocols.Registers;

namespace Hpms.Protocols.RegisterMaps;

/// <summary>One point's value extracted from a read block.</summary>
/// <param name="Point">The point.</param>
/// <param name="Status">
/// <see cref="RegisterCodecStatus.Ok"/> when <paramref name="Value"/> (or <paramref name="Text"/>) is good;
/// anything else means quality bad (e.g. NaN from a faulted sensor, or a short response).
/// </param>
/// <param name="Value">Engineering value (0/1 for Bool and Bit); 0 for strings.</param>
/// <param name="Text">Decoded text for String points, otherwise null.</param>
public readonly record struct PointReading(RegisterPoint Point, RegisterCodecStatus Status, double Value, string? Text = null)
{
    /// <summary>True when the reading is usable.</summary>
    public bool IsGood => Status == RegisterCodecStatus.Ok;
}
