namespace Hpms.Protocols.Modbus.Rtu;

/// <summary>
/// Serial-line timing (Modbus over Serial Line V1.02 §2.5.1.1): 11 bits a character in RTU mode
/// (start, 8 data, parity or second stop, stop); frames are separated by 3.5 character times of
/// silence, and characters inside a frame by at most 1.5. Above 19200 baud the spec fixes the
/// values at 1.75 ms and 0.75 ms so that fast lines do not need sub-millisecond timers.
/// </summary>
public static class RtuTiming
{
    /// <summary>Bits on the wire per RTU character.</summary>
    public const int BitsPerCharacter = 11;

    private const int FixedTimingAboveBaud = 19200;

    /// <summary>Time to send one character at <paramref name="baudRate"/>.</summary>
    /// <param name="baudRate">Line speed in bits per second.</param>
    /// <returns>The character time.</returns>
    public static TimeSpan CharacterTime(int baudRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        return TimeSpan.FromTicks(((long)BitsPerCharacter * TimeSpan.TicksPerSecond) / baudRate);
    }

    /// <summary>The silence that ends a frame: 3.5 characters, or 1.75 ms above 19200 baud.</summary>
    /// <param name="baudRate">Line speed in bits per second.</param>
    /// <returns>t3.5.</returns>
    public static TimeSpan InterFrameSilence(int baudRate) => baudRate > FixedTimingAboveBaud
        ? TimeSpan.FromMicroseconds(1750)
        : TimeSpan.FromTicks(CharacterTime(baudRate).Ticks * 7 / 2);

    /// <summary>The longest gap allowed inside a frame: 1.5 characters, or 0.75 ms above 19200 baud.</summary>
    /// <param name="baudRate">Line speed in bits per second.</param>
    /// <returns>t1.5.</returns>
    public static TimeSpan InterCharacterTimeout(int baudRate) => baudRate > FixedTimingAboveBaud
        ? TimeSpan.FromMicroseconds(750)
        : TimeSpan.FromTicks(CharacterTime(baudRate).Ticks * 3 / 2);

    /// <summary>Time on the wire for a frame of <paramref name="byteCount"/> bytes.</summary>
    /// <param name="byteCount">Frame length.</param>
    /// <param name="baudRate">Line speed.</param>
    /// <returns>The transmission time.</returns>
    public static TimeSpan TransmissionTime(int byteCount, int baudRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        return TimeSpan.FromTicks(((long)byteCount * BitsPerCharacter * TimeSpan.TicksPerSecond) / baudRate);
    }

    /// <summary>
    /// Best case transactions per second on a line: request, silence, reply, silence.
    /// </summary>
    /// <param name="requestBytes">Request frame length.</param>
    /// <param name="responseBytes">Reply frame length.</param>
    /// <param name="baudRate">Line speed.</param>
    /// <returns>The wire-time limit in transactions per second.</returns>
    public static double WireLimitTransactionsPerSecond(int requestBytes, int responseBytes, int baudRate)
    {
        TimeSpan cycle = TransmissionTime(requestBytes + responseBytes, baudRate) + (InterFrameSilence(baudRate) * 2);
        return 1.0 / cycle.TotalSeconds;
    }
}
