namespace Hpms.Telemetry.Buffering;

/// <summary>The outcome of <see cref="DurableQueue.Append"/>; anything but <see cref="Appended"/> means the record was not taken (and is counted as refused).</summary>
public enum AppendStatus
{
    /// <summary>The record is in the buffer with the durability configured for its kind.</summary>
    Appended = 0,

    /// <summary>The payload is larger than <see cref="DurableQueueOptions.MaxRecordBytes"/>.</summary>
    TooLarge = 1,

    /// <summary>
    /// No room within <see cref="DurableQueueOptions.MaxBytes"/> without breaking the policy: telemetry when only
    /// events are left to drop, or an event larger than everything that could be dropped.
    /// </summary>
    BufferFull = 2,

    /// <summary>The disk is full (ENOSPC) and dropping what the policy allows did not free enough space.</summary>
    DiskFull = 3,

    /// <summary>Another I/O error; counted in <see cref="DurableQueueCounters.DiskErrors"/>.</summary>
    DiskError = 4,

    /// <summary>The queue was disposed.</summary>
    Closed = 5,
}
