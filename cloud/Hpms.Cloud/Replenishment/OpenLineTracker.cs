using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Hpms.Cloud.Storage;
using Hpms.Cloud.Telemetry;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Closes order lines when cabinet telemetry shows the bin restocked (count above the reorder point).
/// Cheap per batch: an in-memory set of (cabinet, bin) with open lines, re-read from the database every
/// <see cref="SupplyOptions.OpenLinesRefresh"/> (so lines opened by other instances are seen) and added to
/// by the consumer; the database is touched only to close.
/// </summary>
public sealed partial class OpenLineTracker(
    CloudDatabase database, OrderBook orders, LatestTelemetry latest, SupplyMetrics metrics, IOptions<SupplyOptions> options, TimeProvider clock,
    ILogger<OpenLineTracker> logger) : ITelemetryObserver
{
    /// <summary>The register-map device class of supply cabinets.</summary>
    public const string CabinetClass = "smart-supply-cabinet";

    private readonly ConcurrentDictionary<(string Cabinet, int Bin), int?> _open = new();
    private int _refreshing;
    private long _refreshedAtMs = long.MinValue;

    /// <summary>Gets how many (cabinet, bin) pairs are tracked.</summary>
    public int Count => _open.Count;

    /// <summary>Tracks a bin with an open line.</summary>
    /// <param name="cabinetId">Cabinet.</param>
    /// <param name="bin">Bin.</param>
    /// <param name="reorderPoint">Its reorder point, if known.</param>
    public void Track(string cabinetId, int bin, int? reorderPoint) => _open[(cabinetId, bin)] = reorderPoint;

    /// <summary>Stops tracking a bin (its line closed).</summary>
    /// <param name="cabinetId">Cabinet.</param>
    /// <param name="bin">Bin.</param>
    public void Forget(string cabinetId, int bin) => _open.TryRemove((cabinetId, bin), out _);

    /// <inheritdoc/>
    public async ValueTask ObserveAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Device.DeviceClass != CabinetClass)
        {
            return;
        }

        try
        {
            await RefreshIfDueAsync(cancellationToken).ConfigureAwait(false);
            string cabinet = batch.Device.DeviceId;
            foreach (TelemetryPoint point in batch.Points)
            {
                if (point.Quality != Quality.Good || !TryBinCount(point.Channel, out int bin) || !_open.TryGetValue((cabinet, bin), out int? tracked))
                {
                    continue;
                }

                int? reorderPoint = ReorderPoint(batch, cabinet, bin) ?? tracked;
                if (reorderPoint is int rp && point.Value > rp)
                {
                    await CloseAsync(cabinet, bin, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            // Telemetry keeps flowing; the next batch (or the cleared event) closes the line.
            metrics.ObserverError();
            LogFailed(logger, batch.Device.DeviceId, ex);
        }
    }

    /// <summary>Re-reads the open lines now.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>A task.</returns>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<(string Cabinet, long Bin, long? ReorderPoint)> rows = await connection.QueryAsync<(string, long, long?)>(new CommandDefinition(
                """
                SELECT l.cabinet_id, CAST(l.bin AS BIGINT), CAST(COALESCE(p.reorder_point, s.reorder_point) AS BIGINT)
                FROM order_lines l
                LEFT JOIN par_levels p ON p.cabinet_id = l.cabinet_id AND p.bin = l.bin
                LEFT JOIN bin_stock s ON s.cabinet_id = l.cabinet_id AND s.bin = l.bin
                WHERE l.status = 'open' AND l.bin IS NOT NULL
                """,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            var fresh = rows.ToDictionary(r => (r.Cabinet, (int)r.Bin), r => r.ReorderPoint is long v ? (int?)v : null);
            foreach ((string Cabinet, int Bin) key in _open.Keys)
            {
                if (!fresh.ContainsKey(key))
                {
                    _open.TryRemove(key, out _);
                }
            }

            foreach (KeyValuePair<(string, int), int?> pair in fresh)
            {
                _open.AddOrUpdate(pair.Key, pair.Value, (_, held) => pair.Value ?? held);
            }
        }

        Interlocked.Exchange(ref _refreshedAtMs, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private async Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - Interlocked.Read(ref _refreshedAtMs) < (long)options.Value.OpenLinesRefresh.TotalMilliseconds || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task CloseAsync(string cabinet, int bin, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            int closed = await orders.CloseAsync(cabinet, bin, null, "restocked", connection, null, cancellationToken).ConfigureAwait(false);
            metrics.LinesClosed(closed);
        }

        Forget(cabinet, bin);
    }

    private int? ReorderPoint(TelemetryBatch batch, string cabinet, int bin)
    {
        string channel = SupplyCatalog.BinChannel(bin, "reorder-point");
        foreach (TelemetryPoint p in batch.Points)
        {
            if (p.Channel == channel && p.Quality == Quality.Good)
            {
                return (int)p.Value;
            }
        }

        return latest.TryGet(cabinet, channel, out TelemetryPoint held) ? (int)held.Value : null;
    }

    private static bool TryBinCount(string channel, out int bin)
    {
        bin = 0;
        return channel.StartsWith("bin", StringComparison.Ordinal) && channel.EndsWith(".count", StringComparison.Ordinal)
            && int.TryParse(channel.AsSpan(3, channel.Length - 3 - ".count".Length), NumberStyles.None, CultureInfo.InvariantCulture, out bin);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing restocked order lines of {DeviceId} failed; will retry on later telemetry")]
    private static partial void LogFailed(ILogger logger, string deviceId, Exception exception);
}
