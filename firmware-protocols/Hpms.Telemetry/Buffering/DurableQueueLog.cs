using Microsoft.Extensions.Logging;

namespace Hpms.Telemetry.Buffering;

/// <summary>The queue's log lines: state changes once, the rest counted in <see cref="DurableQueueCounters"/>.</summary>
internal static partial class DurableQueueLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Buffer {Queue} opened: {Events} events and {Telemetry} telemetry records waiting")]
    internal static partial void Opened(ILogger logger, string queue, long events, long telemetry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Buffer {Queue} opened after damage: cut torn or corrupt tails, {CorruptRecords} records lost")]
    internal static partial void RecoveredCorruption(ILogger logger, string queue, long corruptRecords);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Buffer {Queue} is full ({MaxBytes} bytes): dropping the oldest telemetry; counted, logged again when it drains")]
    internal static partial void OverflowStarted(ILogger logger, string queue, long maxBytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Buffer {Queue} dropped {Events} events: no telemetry was left to drop")]
    internal static partial void EventsDropped(ILogger logger, string queue, long events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Buffer {Queue} is back under its bound; the burst dropped {Telemetry} telemetry records and {Events} events and refused {Refused} records")]
    internal static partial void OverflowEnded(ILogger logger, string queue, long telemetry, long events, long refused);

    [LoggerMessage(Level = LogLevel.Error, Message = "Buffer {Queue}: {Operation} failed; applying the drop policy and counting further errors")]
    internal static partial void DiskErrorStarted(ILogger logger, Exception exception, string queue, string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Buffer {Queue}: writes succeed again after {Errors} disk errors")]
    internal static partial void DiskErrorEnded(ILogger logger, string queue, long errors);
}
