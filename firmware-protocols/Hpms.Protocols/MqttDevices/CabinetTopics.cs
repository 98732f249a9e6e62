namespace Hpms.Protocols.MqttDevices;

/// <summary>
/// Topic scheme of MQTT-native devices: everything of one device under <c>devices/{deviceId}/</c>,
/// so one broker ACL pattern (<c>devices/%u/#</c>) confines a device to its own subtree.
/// </summary>
public static class CabinetTopics
{
    /// <summary>Root of every device subtree.</summary>
    public const string Root = "devices";

    /// <summary>Longest device id accepted.</summary>
    public const int MaxDeviceIdLength = 64;

    /// <summary>Periodic state report, device → edge, QoS 0.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>The topic.</returns>
    public static string Report(string deviceId) => Topic(deviceId, "report");

    /// <summary>Events (badge, forced door, low stock...), device → edge, QoS 1.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>The topic.</returns>
    public static string Event(string deviceId) => Topic(deviceId, "event");

    /// <summary>Commands, edge → device, QoS 1.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>The topic.</returns>
    public static string Command(string deviceId) => Topic(deviceId, "cmd");

    /// <summary>Replies to commands when the request named no MQTT 5 response topic, device → edge, QoS 1.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>The topic.</returns>
    public static string Reply(string deviceId) => Topic(deviceId, "cmd/reply");

    /// <summary>Filter for everything of one device.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>The filter.</returns>
    public static string All(string deviceId) => Topic(deviceId, "#");

    /// <summary>
    /// Whether an id can be a topic level: 1..64 characters of letters, digits, '-', '_' and '.',
    /// so it never holds the MQTT wildcards or separators ('+', '#', '/').
    /// </summary>
    /// <param name="deviceId">Candidate id.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidDeviceId(string? deviceId)
    {
        if (string.IsNullOrEmpty(deviceId) || deviceId.Length > MaxDeviceIdLength)
        {
            return false;
        }

        foreach (char c in deviceId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Topic(string deviceId, string leaf) =>
        IsValidDeviceId(deviceId)
            ? string.Concat(Root, "/", deviceId, "/", leaf)
            : throw new ArgumentException($"'{deviceId}' is not a valid device id (1..{MaxDeviceIdLength} of [A-Za-z0-9._-]).", nameof(deviceId));
}
