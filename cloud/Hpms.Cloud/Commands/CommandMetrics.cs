using Hpms.Cloud.Operations;

namespace Hpms.Cloud.Commands;

/// <summary>Command counters for <c>/metrics</c>.</summary>
public sealed class CommandMetrics : IMetricsSource
{
    private long _succeeded;
    private long _failed;
    private long _timedOut;
    private long _badReplies;
    private long _unmatchedReplies;

    /// <summary>Counts a command's outcome.</summary>
    /// <param name="status">The stored status.</param>
    public void CountOutcome(string status)
    {
        switch (status)
        {
            case CommandStatus.Succeeded:
                Interlocked.Increment(ref _succeeded);
                break;
            case CommandStatus.TimedOut:
                Interlocked.Increment(ref _timedOut);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }
    }

    /// <summary>Counts a reply that did not parse.</summary>
    public void CountBadReply() => Interlocked.Increment(ref _badReplies);

    /// <summary>Counts a reply nobody waits for (late, or for another instance).</summary>
    public void CountUnmatchedReply() => Interlocked.Increment(ref _unmatchedReplies);

    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Name = "hpms_cloud_commands_total";
        const string Help = "Commands sent to devices, by outcome.";
        text.Counter(Name, Help, Interlocked.Read(ref _succeeded), ("outcome", CommandStatus.Succeeded));
        text.Counter(Name, Help, Interlocked.Read(ref _failed), ("outcome", CommandStatus.Failed));
        text.Counter(Name, Help, Interlocked.Read(ref _timedOut), ("outcome", CommandStatus.TimedOut));
        text.Counter("hpms_cloud_commands_bad_replies_total", "Command replies that did not parse.", Interlocked.Read(ref _badReplies));
        text.Counter("hpms_cloud_commands_unmatched_replies_total", "Command replies after their request gave up, or for nobody.", Interlocked.Read(ref _unmatchedReplies));
    }
}
