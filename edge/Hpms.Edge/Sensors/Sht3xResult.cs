namespace Hpms.Edge.Sensors;

/// <summary>A value read from an SHT3x, or why there is none.</summary>
/// <typeparam name="T">What was read.</typeparam>
/// <param name="Status">How the transaction ended.</param>
/// <param name="Value">The value (default unless <see cref="Status"/> is <see cref="Sht3xStatus.Ok"/>).</param>
/// <param name="Error">What went wrong, for the log; null when ok.</param>
public readonly record struct Sht3xResult<T>(Sht3xStatus Status, T Value, string? Error)
{
    /// <summary>True when <see cref="Value"/> can be used.</summary>
    public bool IsOk => Status == Sht3xStatus.Ok;
}
