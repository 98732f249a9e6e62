namespace Hpms.Telemetry.Forwarding;

/// <summary>How a pump batches and backs off.</summary>
public sealed class QueuePumpOptions
{
    /// <summary>Gets or sets the most records per batch.</summary>
    public int MaxRecords { get; set; } = 500;

    /// <summary>Gets or sets the most payload bytes per batch.</summary>
    public int MaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the first wait after a failed send.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}
