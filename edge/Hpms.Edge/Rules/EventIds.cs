using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hpms.Edge.Rules;

/// <summary>
/// Stable event ids: the first 16 bytes of SHA-256 over rule id, site, device id, series and start time, as
/// lowercase hex. Deterministic, so a gateway that restarts or replays its readings names an event the same
/// way and the cloud's unique key on the id drops the duplicate.
/// </summary>
public static class EventIds
{
    /// <summary>The id of the event that <paramref name="ruleId"/> raised for a series starting at <paramref name="startUnixMs"/>.</summary>
    /// <param name="ruleId">Rule id.</param>
    /// <param name="site">Site of the device.</param>
    /// <param name="deviceId">Device id.</param>
    /// <param name="series">Channel or bin.</param>
    /// <param name="startUnixMs">When the condition began.</param>
    /// <returns>32 lowercase hex characters.</returns>
    public static string Create(string ruleId, string site, string deviceId, string series, long startUnixMs)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(series);

        // Unit separators keep ("a", "bc") and ("ab", "c") apart.
        string text = string.Join('\u001f', ruleId, site, deviceId, series, startUnixMs.ToString(CultureInfo.InvariantCulture));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
