using System.Data.Common;
using Dapper;
using Hpms.Cloud.Ingest;
using Hpms.Cloud.Storage;
using Hpms.Demo.Broker;
using Hpms.Simulators.Hosting;

namespace Hpms.Demo.Summary;

/// <summary>Reads the run's figures from the cloud's store and counters (the same numbers the API and /metrics show).</summary>
public static class SummaryCollector
{
    /// <summary>Collects.</summary>
    /// <param name="cloud">The cloud's services.</param>
    /// <param name="simulator">The simulator.</param>
    /// <param name="broker">The broker.</param>
    /// <param name="wall">How long the run took.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The summary.</returns>
    public static async Task<DemoSummary> CollectAsync(IServiceProvider cloud, SimulatorRunner simulator, DemoBroker broker, TimeSpan wall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(broker);
        IngestCounters counters = cloud.GetRequiredService<IngestCounters>();
        CloudDatabase database = cloud.GetRequiredService<CloudDatabase>();
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new DemoSummary(
            simulator.Scenario.Name,
            Math.Round(wall.TotalSeconds, 1),
            simulator.Scenario.Time.Speed,
            simulator.Scenario.Time.Start,
            simulator.SimulatedNow,
            await CountAsync(connection, "SELECT COUNT(*) FROM devices WHERE device_class <> 'gateway'", cancellationToken).ConfigureAwait(false),
            await CountAsync(connection, "SELECT COUNT(*) FROM devices WHERE device_class = 'gateway'", cancellationToken).ConfigureAwait(false),
            counters.Points,
            cloud.GetRequiredService<ITimeSeriesSink>().Name,
            counters.Telemetry,
            counters.EventsHandled,
            counters.EventsDuplicate,
            await ByAsync(connection, "SELECT state AS k, COUNT(*) AS n FROM alarms GROUP BY state", cancellationToken).ConfigureAwait(false),
            await ByAsync(connection, "SELECT kind AS k, COUNT(*) AS n FROM orders GROUP BY kind", cancellationToken).ConfigureAwait(false),
            await CountAsync(connection, "SELECT COUNT(*) FROM order_lines", cancellationToken).ConfigureAwait(false),
            await CountAsync(connection, "SELECT COUNT(*) FROM stock_holds", cancellationToken).ConfigureAwait(false),
            await ByAsync(connection, "SELECT state AS k, COUNT(*) AS n FROM work_orders GROUP BY state", cancellationToken).ConfigureAwait(false),
            await CountAsync(connection, "SELECT COUNT(*) FROM dead_letters", cancellationToken).ConfigureAwait(false),
            broker.RefusedConnections + broker.RefusedPublishes + broker.RefusedSubscriptions);
    }

    private static Task<long> CountAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken));

    private static async Task<IReadOnlyDictionary<string, long>> ByAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        IEnumerable<(string K, long N)> rows = await connection.QueryAsync<(string K, long N)>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.K, r => r.N, StringComparer.Ordinal);
    }
}
