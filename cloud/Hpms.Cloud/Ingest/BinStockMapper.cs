using System.Globalization;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Reads a smart supply cabinet's bins from its telemetry, by the channel names of
/// firmware-protocols/devices/smart-supply-cabinet.json (the MQTT cabinet is normalised onto the same names):
/// <c>binNN.count</c>, <c>binNN.item-code</c> (numeric catalogue code), <c>binNN.lot</c> (a text channel: its
/// text when the transport carries it, which the v1 telemetry envelope does not), <c>binNN.expiry</c>
/// (yyyymmdd), <c>binNN.par</c>, <c>binNN.reorder-point</c>. Only good, finite readings count; a bin appears
/// only when its count was read.
/// </summary>
public static class BinStockMapper
{
    /// <summary>The cabinet's device class.</summary>
    public const string CabinetClass = "smart-supply-cabinet";

    /// <summary>The bins a batch reports, by bin number; empty for other device classes.</summary>
    /// <param name="batch">A validated batch.</param>
    /// <returns>Bins with a count, ordered by bin.</returns>
    public static IReadOnlyList<BinStock> Map(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!string.Equals(batch.Device.DeviceClass, CabinetClass, StringComparison.Ordinal))
        {
            return [];
        }

        var bins = new SortedDictionary<int, Fields>();
        foreach (TelemetryPoint point in batch.Points)
        {
            if (point.Quality != Quality.Good || !TrySplit(point.Channel, out int bin, out string leaf))
            {
                continue;
            }

            if (!bins.TryGetValue(bin, out Fields? f))
            {
                f = new Fields();
                bins[bin] = f;
            }

            if (leaf == "lot")
            {
                f.Lot = string.IsNullOrEmpty(point.Text) ? f.Lot : point.Text;
                continue;
            }

            if (!double.IsFinite(point.Value) || point.Value < 0 || point.Value > uint.MaxValue)
            {
                continue;
            }

            long whole = (long)Math.Round(point.Value);
            switch (leaf)
            {
                case "count": f.Count = (int)Math.Min(whole, int.MaxValue); break;
                case "item-code": f.Item = whole == 0 ? null : whole.ToString(CultureInfo.InvariantCulture); break;
                case "expiry": f.Expiry = ExpiryUnixMs(whole); break;
                case "par": f.Par = (int)Math.Min(whole, int.MaxValue); break;
                case "reorder-point": f.Reorder = (int)Math.Min(whole, int.MaxValue); break;
                default: break;
            }
        }

        return [.. bins.Where(b => b.Value.Count is not null)
            .Select(b => new BinStock(b.Key, b.Value.Item, b.Value.Count!.Value, b.Value.Par, b.Value.Reorder, b.Value.Lot, b.Value.Expiry))];
    }

    /// <summary>UTC midnight of a yyyymmdd date in Unix ms, or null when it is not a date.</summary>
    /// <param name="yyyymmdd">The date as a number.</param>
    /// <returns>The time or null.</returns>
    public static long? ExpiryUnixMs(long yyyymmdd)
    {
        int year = (int)(yyyymmdd / 10000);
        int month = (int)(yyyymmdd / 100 % 100);
        int day = (int)(yyyymmdd % 100);
        if (year is < 2000 or > 2099 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }

    /// <summary>Splits <c>binNN.leaf</c>.</summary>
    /// <param name="channel">A channel name.</param>
    /// <param name="bin">The bin number.</param>
    /// <param name="leaf">What follows the dot.</param>
    /// <returns>Whether it is a bin channel.</returns>
    public static bool TrySplit(string channel, out int bin, out string leaf)
    {
        ArgumentNullException.ThrowIfNull(channel);
        bin = 0;
        leaf = string.Empty;
        int dot = channel.IndexOf('.', StringComparison.Ordinal);
        if (!channel.StartsWith("bin", StringComparison.Ordinal) || dot < 5 || dot > 6
            || !int.TryParse(channel.AsSpan(3, dot - 3), NumberStyles.None, CultureInfo.InvariantCulture, out bin) || bin < 1)
        {
            return false;
        }

        leaf = channel[(dot + 1)..];
        return true;
    }

    private sealed class Fields
    {
        public int? Count { get; set; }

        public string? Item { get; set; }

        public int? Par { get; set; }

        public int? Reorder { get; set; }

        public string? Lot { get; set; }

        public long? Expiry { get; set; }
    }
}
