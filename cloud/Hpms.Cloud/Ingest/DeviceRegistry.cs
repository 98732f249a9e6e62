using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Hpms.Cloud.Storage;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Keeps <c>devices</c> current from what gateways send: <c>last_seen_ms</c> and <c>online</c>, at most once per
/// <see cref="IngestOptions.DeviceTouchInterval"/> per device (the rest only touch memory), and registers
/// unknown devices from their tags when <see cref="IngestOptions.AutoRegisterDevices"/> is on. One statement
/// both checks and updates, so two instances never race a check against an insert.
/// </summary>
public sealed class DeviceRegistry(CloudDatabase database, IOptions<IngestOptions> options, IngestCounters counters)
{
    private const string Seen = "CASE WHEN devices.last_seen_ms IS NULL OR devices.last_seen_ms < @seen THEN @seen ELSE devices.last_seen_ms END";

    private readonly IngestOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, long> _touched = new(StringComparer.Ordinal);

    /// <summary>Records that a device was heard from; registers it when allowed.</summary>
    /// <param name="device">The payload's tags.</param>
    /// <param name="nowUnixMs">When the message arrived.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False when the device is unknown and may not be registered.</returns>
    public async Task<bool> TouchAsync(DeviceTags device, long nowUnixMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (_touched.TryGetValue(device.DeviceId, out long last) && nowUnixMs - last < (long)_options.DeviceTouchInterval.TotalMilliseconds)
        {
            return true;
        }

        var args = new
        {
            id = device.DeviceId,
            site = device.Site,
            gateway = device.Gateway,
            building = device.Building,
            zone = device.Zone,
            cls = device.DeviceClass,
            seen = nowUnixMs,
        };
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            int rows = await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE devices SET last_seen_ms = {Seen}, online = 1 WHERE id = @id", args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (rows == 0)
            {
                if (!_options.AutoRegisterDevices)
                {
                    return false;
                }

                rows = await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    INSERT INTO devices (id, site_id, gateway_id, building, zone, device_class, last_seen_ms, online)
                    VALUES (@id, @site, @gateway, @building, @zone, @cls, @seen, 1)
                    ON CONFLICT (id) DO UPDATE SET last_seen_ms = {Seen}, online = 1
                    """,
                    args,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                counters.DeviceRegistered();
            }
        }

        _touched[device.DeviceId] = nowUnixMs;
        return true;
    }

    /// <summary>Applies a device's state message (online or not) to its row.</summary>
    /// <param name="deviceId">The topic's device id.</param>
    /// <param name="state">The state.</param>
    /// <param name="nowUnixMs">When it arrived.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False when the device is not in the table.</returns>
    public async Task<bool> ApplyStateAsync(string deviceId, DeviceState state, long nowUnixMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            string sql = state.Online
                ? $"UPDATE devices SET online = 1, last_seen_ms = {Seen} WHERE id = @id"
                : "UPDATE devices SET online = 0 WHERE id = @id";
            int rows = await connection.ExecuteAsync(new CommandDefinition(sql, new { id = deviceId, seen = nowUnixMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            _touched.TryRemove(deviceId, out _); // the next telemetry writes online again
            return rows > 0;
        }
    }
}
