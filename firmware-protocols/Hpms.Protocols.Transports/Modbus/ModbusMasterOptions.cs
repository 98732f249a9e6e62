namespace Hpms.Protocols.Transports.Modbus;

/// <summary>Timing and retry settings of one master (one TCP connection or one serial line).</summary>
public sealed class ModbusMasterOptions
{
    /// <summary>Gets or sets how long to wait for each response.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many times a timed-out or corrupted transaction is repeated.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>Gets or sets the first pause before a retry; it doubles each time up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets or sets the longest pause between retries.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets the RTU silence kept before each request. Null: t3.5 from <see cref="BaudRate"/>.
    /// Zero for lines with no timing of their own (RTU over TCP, virtual ports).
    /// </summary>
    public TimeSpan? InterFrameSilence { get; set; }

    /// <summary>Gets or sets the serial line speed, used for RTU timing.</summary>
    public int BaudRate { get; set; } = 19200;

    /// <summary>Checks the settings; each error names the field.</summary>
    /// <returns>The errors, empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (ResponseTimeout <= TimeSpan.Zero || ResponseTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"ResponseTimeout {ResponseTimeout} must be between 0 and 1 minute.");
        }

        if (Retries is < 0 or > 10)
        {
            errors.Add($"Retries {Retries} must be 0..10.");
        }

        if (RetryBackoff < TimeSpan.Zero || MaxRetryBackoff < RetryBackoff)
        {
            errors.Add("RetryBackoff must be ≥ 0 and ≤ MaxRetryBackoff.");
        }

        if (InterFrameSilence < TimeSpan.Zero)
        {
            errors.Add("InterFrameSilence must not be negative.");
        }

        if (BaudRate <= 0)
        {
            errors.Add($"BaudRate {BaudRate} must be positive.");
        }

        return errors;
    }

    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Modbus master options: " + string.Join(" ", errors));
        }
    }
}
