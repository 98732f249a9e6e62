namespace Hpms.Telemetry.Buffering;

/// <summary>
/// What "acknowledged" means for a record <see cref="DurableQueue.Append"/> accepted: which failures it survives.
/// </summary>
public enum AppendDurability
{
    /// <summary>
    /// Written to the operating system (page cache) before Append returns: survives a crash or <c>kill -9</c> of
    /// the process, not a power loss or kernel crash. Cheapest (one write call).
    /// </summary>
    WrittenToOperatingSystem = 0,

    /// <summary>
    /// Written and flushed to the disk (fsync) before Append returns: survives a power loss too, if the disk
    /// honours flushes. Costs one fsync per record (milliseconds on SD cards); the default for events.
    /// </summary>
    FlushedEveryAppend = 1,

    /// <summary>
    /// Written to the operating system before Append returns, and flushed to the disk by a timer every
    /// <see cref="DurableQueueOptions.FlushInterval"/>: survives <c>kill -9</c>; a power loss loses at most the
    /// records of the last interval. The default for telemetry.
    /// </summary>
    FlushedPeriodically = 2,
}
