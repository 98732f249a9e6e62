using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Hpms.Cloud.Domain.Replenishment;
using Hpms.Cloud.Storage;
using Hpms.Cloud.Telemetry;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Watches each gas panel's <c>lox.level</c>: when the tank, at its rate of use since a reference reading
/// (at least <see cref="SupplyOptions.LoxTrendMinSpan"/> back, renewed every
/// <see cref="SupplyOptions.LoxTrendWindow"/>), empties sooner than the supplier's lead time, a LOX
/// delivery line is raised; a level back at <see cref="SupplyOptions.LoxRefilledPercent"/> closes it.
/// The references live in memory: after a restart the forecast starts again from the next reading.
/// </summary>
public sealed partial class LoxTrendObserver(
    CloudDatabase database, GasDelivery gas, OrderBook orders, SupplyMetrics metrics, IOptions<SupplyOptions> options, ILogger<LoxTrendObserver> logger) : ITelemetryObserver
{
    /// <summary>The LOX level channel of the gas panel map.</summary>
    public const string LevelChannel = "lox.level";

    private readonly ConcurrentDictionary<string, PanelTrend> _panels = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async ValueTask ObserveAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Device.DeviceClass != GasDelivery.PanelClass)
        {
            return;
        }

        foreach (TelemetryPoint point in batch.Points)
        {
            if (point.Channel != LevelChannel || point.Quality != Quality.Good || !double.IsFinite(point.Value))
            {
                continue;
            }

            try
            {
                await ObserveLevelAsync(batch.Device, point, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                // The next reading tries again.
                metrics.ObserverError();
                LogFailed(logger, batch.Device.DeviceId, ex);
            }
        }
    }

    private async Task ObserveLevelAsync(DeviceTags device, TelemetryPoint point, CancellationToken cancellationToken)
    {
        SupplyOptions o = options.Value;
        PanelTrend trend = _panels.GetOrAdd(device.DeviceId, _ => new PanelTrend(point.Value, point.TimestampUnixMs));
        (double refLevel, long refMs, bool lineOpen) = trend.Snapshot();
        if (point.TimestampUnixMs <= refMs)
        {
            return;
        }

        if (point.Value >= o.LoxRefilledPercent && (lineOpen || refLevel < o.LoxRefilledPercent))
        {
            await CloseAsync(device.DeviceId, cancellationToken).ConfigureAwait(false);
            trend.Reset(point.Value, point.TimestampUnixMs, lineOpen: false);
            return;
        }

        if (point.Value > refLevel || point.TimestampUnixMs - refMs > (long)o.LoxTrendWindow.TotalMilliseconds)
        {
            // A fill or a stale reference: forecast from here on.
            trend.Reset(point.Value, point.TimestampUnixMs, lineOpen);
            return;
        }

        if (lineOpen || point.TimestampUnixMs - refMs < (long)o.LoxTrendMinSpan.TotalMilliseconds)
        {
            return;
        }

        double? daysToEmpty = LoxForecast.DaysToEmpty(refLevel, refMs, point.Value, point.TimestampUnixMs);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            double leadTime = await gas.LeadTimeDaysAsync(GasDelivery.LoxItem, connection, cancellationToken).ConfigureAwait(false);
            if (!LoxForecast.DeliveryDue(daysToEmpty, leadTime))
            {
                return;
            }

            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                string source = string.Create(CultureInfo.InvariantCulture, $"lox-forecast:{device.DeviceId}:{point.TimestampUnixMs}");
                await gas.RaiseAsync(device.DeviceId, device.Zone, GasDelivery.LoxItem, (int)point.Value, source, connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Open now (raised here or already open): no more forecasts until it is delivered.
        trend.Reset(refLevel, refMs, lineOpen: true);
        LogForecast(logger, device.DeviceId, daysToEmpty ?? 0, leadTime: options.Value.GasLeadTimeDays);
    }

    private async Task CloseAsync(string panelId, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            metrics.LinesClosed(await orders.CloseAsync(panelId, null, GasDelivery.LoxItem, "delivered", connection, null, cancellationToken).ConfigureAwait(false));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LOX forecast for {DeviceId} failed; will retry on the next reading")]
    private static partial void LogFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "LOX tank of {DeviceId} empties in {DaysToEmpty:F1} days, inside the lead time (default {LeadTime} days): delivery ordered")]
    private static partial void LogForecast(ILogger logger, string deviceId, double daysToEmpty, double leadTime);

    private sealed class PanelTrend(double level, long atMs)
    {
        private readonly Lock _lock = new();
        private double _level = level;
        private long _atMs = atMs;
        private bool _lineOpen;

        public (double Level, long AtMs, bool LineOpen) Snapshot()
        {
            lock (_lock)
            {
                return (_level, _atMs, _lineOpen);
            }
        }

        public void Reset(double level, long atMs, bool lineOpen)
        {
            lock (_lock)
            {
                (_level, _atMs, _lineOpen) = (level, atMs, lineOpen);
            }
        }
    }
}
