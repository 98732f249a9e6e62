namespace Hpms.Telemetry.Buffering;

/// <summary>Where one sink's buffer lives and how large and how durable it is.</summary>
public sealed class DurableQueueOptions
{
    /// <summary>Gets or sets the directory of this queue (one per sink); created if missing. Required.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>Gets or sets the name used in logs (e.g. the sink's name); defaults to the directory.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the bound on the queue's bytes on disk; past it the oldest telemetry is dropped. Default 256 MiB.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the size at which a segment file is closed and a new one started. Dropping and deleting work
    /// on whole segments, so this is also the granularity of a drop. Default 4 MiB; at most a quarter of <see cref="MaxBytes"/>.
    /// </summary>
    public long SegmentBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Gets or sets the largest payload accepted. Default 1 MiB.</summary>
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets what acknowledging an event means. Default: flushed to disk before Append returns.</summary>
    public AppendDurability EventDurability { get; set; } = AppendDurability.FlushedEveryAppend;

    /// <summary>Gets or sets what acknowledging telemetry means. Default: in the OS at once, flushed to disk every <see cref="FlushInterval"/>.</summary>
    public AppendDurability TelemetryDurability { get; set; } = AppendDurability.FlushedPeriodically;

    /// <summary>Gets or sets the period of the disk flush for <see cref="AppendDurability.FlushedPeriodically"/>. Default 1 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Returns the first problem with these options, naming the property, or null when they are usable.</summary>
    /// <returns>A message, or null.</returns>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            return "Directory is required.";
        }

        if (MaxRecordBytes <= 0)
        {
            return "MaxRecordBytes must be positive.";
        }

        if (SegmentBytes < MaxRecordBytes + RecordFormat.HeaderSize)
        {
            return "SegmentBytes must hold at least one record of MaxRecordBytes (plus 16 bytes of header).";
        }

        if (MaxBytes < 4 * SegmentBytes)
        {
            return "MaxBytes must be at least 4 × SegmentBytes (drops work on whole segments).";
        }

        if (FlushInterval <= TimeSpan.Zero)
        {
            return "FlushInterval must be positive.";
        }

        if (!Enum.IsDefined(EventDurability) || !Enum.IsDefined(TelemetryDurability))
        {
            return "EventDurability and TelemetryDurability must be WrittenToOperatingSystem, FlushedEveryAppend or FlushedPeriodically.";
        }

        return null;
    }
}
