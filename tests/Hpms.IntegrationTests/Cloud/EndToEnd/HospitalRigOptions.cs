namespace Hpms.IntegrationTests.Cloud.EndToEnd;

/// <summary>How a <see cref="HospitalRig"/> is put together beyond the defaults (fault tests need each part killable and observable).</summary>
internal sealed record HospitalRigOptions
{
    /// <summary>Gets whether hpms-cloud runs as its own process (<see cref="CloudProcess"/>, killable) instead of in the test process.</summary>
    public bool CloudAsProcess { get; init; }

    /// <summary>Gets whether the edge reaches the broker through a <see cref="Infrastructure.TcpCutProxy"/> the test can cut (the WAN).</summary>
    public bool Wan { get; init; }

    /// <summary>
    /// Gets an InfluxDB database the edge also writes every reading to through its own InfluxDB sink (straight, not
    /// through the WAN): the witness of what the edge acknowledged, to compare with what the cloud stored. None when null.
    /// </summary>
    public string? EdgeWitnessDatabase { get; init; }

    /// <summary>Gets whether the edge serves /metrics (buffer depths) on a free port.</summary>
    public bool EdgeMetrics { get; init; }

    /// <summary>Gets the MQTT client id of the cloud's ingest (stable across a cloud restart, so its session is found again).</summary>
    public string CloudClientId { get; init; } = "cloud-rig";
}
