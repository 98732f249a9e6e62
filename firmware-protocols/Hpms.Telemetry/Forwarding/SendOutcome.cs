namespace Hpms.Telemetry.Forwarding;

/// <summary>What became of a batch handed to a sink.</summary>
public enum SendOutcome
{
    /// <summary>The sink has it (acknowledged): commit the batch.</summary>
    Delivered,

    /// <summary>The sink is unreachable or busy: keep the batch and try again after a back-off.</summary>
    RetryLater,

    /// <summary>The sink refused the data itself (malformed); retrying cannot help: commit it, counted as rejected.</summary>
    Rejected,
}
