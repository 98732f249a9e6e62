using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>One fault decision for one request.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Delay">For <see cref="ModbusFaultKind.Delay"/>: how late to answer.</param>
/// <param name="Exception">For <see cref="ModbusFaultKind.ExceptionResponse"/>: which code.</param>
/// <param name="NoiseBytes">For <see cref="ModbusFaultKind.NoiseBeforeResponse"/>: how many random bytes.</param>
public readonly record struct ModbusFault(
    ModbusFaultKind Kind,
    TimeSpan Delay = default,
    ExceptionCode Exception = ExceptionCode.ServerDeviceFailure,
    int NoiseBytes = 8)
{
    /// <summary>Gets the fault that is no fault.</summary>
    public static ModbusFault None => default;
}
