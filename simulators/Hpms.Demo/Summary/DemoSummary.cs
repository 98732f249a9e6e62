namespace Hpms.Demo.Summary;

/// <summary>What one demo run did, written as JSON by <c>--summary</c> and printed at exit.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="WallSeconds">How long it ran.</param>
/// <param name="Speed">Simulated seconds per wall second.</param>
/// <param name="SimulatedStart">Simulated start.</param>
/// <param name="SimulatedEnd">Simulated time at the end.</param>
/// <param name="Devices">Devices the cloud registered (not counting gateways).</param>
/// <param name="Gateways">Gateways the cloud registered from their own health telemetry.</param>
/// <param name="Points">Telemetry points the cloud accepted into its time-series sink.</param>
/// <param name="TimeSeriesSink">Where they went (influx or embedded).</param>
/// <param name="TelemetryMessages">Telemetry messages the cloud accepted.</param>
/// <param name="Events">Events handled once (first deliveries).</param>
/// <param name="DuplicateEvents">Redeliveries the ledger recognised.</param>
/// <param name="Alarms">Alarms by state.</param>
/// <param name="Orders">Orders by kind.</param>
/// <param name="OrderLines">Order lines.</param>
/// <param name="Holds">Stock holds.</param>
/// <param name="WorkOrders">Work orders by state.</param>
/// <param name="DeadLetters">Messages dead-lettered.</param>
/// <param name="BrokerRefusals">Connections, publishes and subscriptions the demo broker refused.</param>
public sealed record DemoSummary(
    string Scenario,
    double WallSeconds,
    double Speed,
    DateTimeOffset SimulatedStart,
    DateTimeOffset SimulatedEnd,
    long Devices,
    long Gateways,
    long Points,
    string TimeSeriesSink,
    long TelemetryMessages,
    long Events,
    long DuplicateEvents,
    IReadOnlyDictionary<string, long> Alarms,
    IReadOnlyDictionary<string, long> Orders,
    long OrderLines,
    long Holds,
    IReadOnlyDictionary<string, long> WorkOrders,
    long DeadLetters,
    long BrokerRefusals)
{
    /// <summary>Gets all orders.</summary>
    public long OrdersTotal => Orders.Values.Sum();

    /// <summary>Gets all work orders.</summary>
    public long WorkOrdersTotal => WorkOrders.Values.Sum();

    /// <summary>Gets all alarms.</summary>
    public long AlarmsTotal => Alarms.Values.Sum();
}
