namespace Hpms.Cloud.Ingest;

/// <summary>What a gateway's topic carries (its last level).</summary>
public enum IngestMessageKind
{
    /// <summary>A telemetry batch.</summary>
    Telemetry,

    /// <summary>An event.</summary>
    Event,

    /// <summary>Device state (online flag).</summary>
    State,
}
