using System.Globalization;
using Hpms.Edge.Polling;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.MqttDevices;

/// <summary>
/// Turns an MQTT cabinet report into the points the Modbus poller makes of the same cabinet
/// (firmware-protocols/devices/smart-supply-cabinet.json): same channel names and units, so rules,
/// dashboards and the cloud cannot tell the two transports apart. Only what the report carries is
/// produced: its used bins (the Modbus cabinet serves all 24), no <c>firmware.version</c> and no
/// <c>lock.unlock</c> coil (a command, not a state).
/// </summary>
public static class CabinetReportNormalizer
{
    /// <summary>The device class both cabinet variants are tagged with.</summary>
    public const string DeviceClass = "smart-supply-cabinet";

    private const string Pieces = "pcs";
    private const int FixedChannels = 9;
    private const int ChannelsPerBin = 7;

    private static readonly string[] s_count = BinNames("count");
    private static readonly string[] s_itemCode = BinNames("item-code");
    private static readonly string[] s_lot = BinNames("lot");
    private static readonly string[] s_expiry = BinNames("expiry");
    private static readonly string[] s_par = BinNames("par");
    private static readonly string[] s_reorderPoint = BinNames("reorder-point");
    private static readonly string[] s_pickLight = BinNames("pick-light");

    /// <summary>Normalises a report that parsed.</summary>
    /// <param name="report">The report (already validated by <see cref="CabinetPayloadCodec"/>).</param>
    /// <param name="tags">The configured device's tags (class <see cref="DeviceClass"/>).</param>
    /// <param name="timestampUnixMs">When the edge received it (the device clock is not trusted for ordering).</param>
    /// <returns>A reading whose points are all good.</returns>
    public static DeviceReading Normalize(CabinetReport report, DeviceTags tags, long timestampUnixMs)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(tags);
        var points = new List<TelemetryPoint>(FixedChannels + (report.Bins.Count * ChannelsPerBin));
        void Add(string channel, double value, string unit = "", string? text = null) =>
            points.Add(new TelemetryPoint(tags, channel, value, unit, Quality.Good, timestampUnixMs, text));

        Add("status.door-forced", Bit(report.DoorForced));
        Add("status.tamper", Bit(report.Tamper));
        Add("status.power-fail", Bit(report.PowerFail));
        Add("door.open-seconds", report.DoorOpenSeconds, "s");
        Add("door.open", Bit(report.DoorOpen));
        Add("lock.engaged", Bit(report.LockEngaged));
        Add("lock.lockdown", Bit(report.Lockdown));
        Add("badge.last-id", report.LastBadge);
        Add("badge.event-count", report.BadgeEvents);
        foreach (CabinetBinReport bin in report.Bins)
        {
            int i = bin.Bin; // 1..64, checked by the codec
            Add(s_count[i], bin.Count, Pieces);
            Add(s_itemCode[i], bin.ItemCode);
            Add(s_lot[i], 0, text: bin.Lot);
            Add(s_expiry[i], bin.Expiry);
            Add(s_par[i], bin.Par, Pieces);
            Add(s_reorderPoint[i], bin.ReorderPoint, Pieces);
            Add(s_pickLight[i], Bit(bin.Light));
        }

        return new DeviceReading(tags, timestampUnixMs, points, Succeeded: true);
    }

    private static double Bit(bool value) => value ? 1 : 0;

    /// <summary>Names as the register map's <c>nameFormat</c> <c>bin{0:00}.x</c> makes them, index = bin number.</summary>
    private static string[] BinNames(string leaf)
    {
        var names = new string[CabinetPayloadCodec.MaxBins + 1];
        for (int bin = 0; bin < names.Length; bin++)
        {
            names[bin] = string.Create(CultureInfo.InvariantCulture, $"bin{bin:00}.{leaf}");
        }

        return names;
    }
}
