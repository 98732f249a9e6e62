namespace Hpms.Cloud.Ingest;

/// <summary>The ingest's MQTT sessions: each its own connection, so events never queue behind telemetry.</summary>
public enum IngestLane
{
    /// <summary>Telemetry batches: the bulk of the traffic.</summary>
    Telemetry,

    /// <summary>Events and device state: few, and each may become work for a person.</summary>
    Events,
}
