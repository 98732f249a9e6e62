namespace Hpms.Edge.Operations;

/// <summary>One uplink sink's buffer and delivery figures at one moment (totals since start, depth now).</summary>
/// <param name="Sink">The sink's name (<c>mqtt</c>, <c>influx</c>, <c>iothub</c>).</param>
/// <param name="DepthRecords">Records waiting in its durable buffer.</param>
/// <param name="DepthBytes">Bytes waiting in its durable buffer.</param>
/// <param name="Dropped">Records the full buffer dropped (telemetry and events).</param>
/// <param name="Sent">Records delivered.</param>
/// <param name="Rejected">Records the sink refused for good.</param>
public readonly record struct SinkHealth(string Sink, long DepthRecords, long DepthBytes, long Dropped, long Sent, long Rejected);
