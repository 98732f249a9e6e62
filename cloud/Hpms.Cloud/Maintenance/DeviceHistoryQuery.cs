using System.Globalization;
using System.Text;
using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Maintenance;

/// <summary>
/// One InfluxQL query for the recent history of every device of a class: the measurement is the device
/// class and <c>device</c>/<c>zone</c> are tags (docs/telemetry-schema.md), so
/// <c>GROUP BY time(bucket), "device", "zone"</c> downsamples all devices in one round trip. Field names
/// hold dots and dashes, hence quoted identifiers.
/// </summary>
public static class DeviceHistoryQuery
{
    /// <summary>Builds the query.</summary>
    /// <param name="deviceClass">The measurement.</param>
    /// <param name="fields">Channels and aggregates.</param>
    /// <param name="fromUnixMs">Start (inclusive).</param>
    /// <param name="toUnixMs">End (exclusive).</param>
    /// <param name="bucket">Downsampling bucket (whole seconds).</param>
    /// <returns>InfluxQL.</returns>
    public static string Build(string deviceClass, IReadOnlyList<HistoryField> fields, long fromUnixMs, long toUnixMs, TimeSpan bucket)
    {
        ArgumentNullException.ThrowIfNull(deviceClass);
        ArgumentNullException.ThrowIfNull(fields);
        var q = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.Count; i++)
        {
            q.Append(i == 0 ? string.Empty : ", ").Append(fields[i].Aggregate).Append('(').Append(Identifier(fields[i].Channel)).Append(") AS ").Append(Identifier(fields[i].Channel));
        }

        q.Append(CultureInfo.InvariantCulture, $" FROM {Identifier(deviceClass)} WHERE time >= {Nanoseconds(fromUnixMs)} AND time < {Nanoseconds(toUnixMs)}");
        q.Append(CultureInfo.InvariantCulture, $" GROUP BY time({Math.Max(1, (long)bucket.TotalSeconds)}s), \"device\", \"zone\" fill(none)");
        return q.ToString();
    }

    /// <summary>A double-quoted InfluxQL identifier.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The quoted identifier.</returns>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A single-quoted InfluxQL string literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    /// <summary>A Unix-ms time as InfluxQL's integer nanoseconds.</summary>
    /// <param name="unixMs">Time, Unix ms.</param>
    /// <returns>The literal.</returns>
    public static string Nanoseconds(long unixMs) => (unixMs * 1_000_000L).ToString(CultureInfo.InvariantCulture);

    /// <summary>Groups the answer's series by device (a device that changed zone has several) into histories.</summary>
    /// <param name="result">A successful answer.</param>
    /// <returns>One history per device.</returns>
    public static IReadOnlyList<DeviceHistory> ToHistories(InfluxQueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var byDevice = new Dictionary<string, (string Zone, long ZoneTime, Dictionary<string, List<TrendPoint>> Channels)>(StringComparer.Ordinal);
        foreach (InfluxSeries series in result.Series)
        {
            string device = series.Tag("device");
            if (device.Length == 0)
            {
                continue;
            }

            if (!byDevice.TryGetValue(device, out var entry))
            {
                entry = (series.Tag("zone"), long.MinValue, new Dictionary<string, List<TrendPoint>>(StringComparer.Ordinal));
            }

            long newest = series.Rows.Count > 0 ? series.Rows.Max(r => r.TimeUnixMs) : long.MinValue;
            if (newest >= entry.ZoneTime)
            {
                entry = (series.Tag("zone"), newest, entry.Channels);
            }

            for (int c = 0; c < series.Columns.Count; c++)
            {
                if (!entry.Channels.TryGetValue(series.Columns[c], out List<TrendPoint>? points))
                {
                    entry.Channels[series.Columns[c]] = points = [];
                }

                foreach (InfluxRow row in series.Rows)
                {
                    if (c < row.Values.Count && row.Values[c] is double v)
                    {
                        points.Add(new TrendPoint(row.TimeUnixMs, v));
                    }
                }
            }

            byDevice[device] = entry;
        }

        return [.. byDevice.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DeviceHistory(
            d.Key,
            d.Value.Zone,
            d.Value.Channels.ToDictionary(c => c.Key, c => (IReadOnlyList<TrendPoint>)[.. c.Value.OrderBy(p => p.TimeUnixMs)], StringComparer.Ordinal)))];
    }
}
