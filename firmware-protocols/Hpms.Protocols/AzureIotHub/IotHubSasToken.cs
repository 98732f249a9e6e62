using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Hpms.Protocols.AzureIotHub;

/// <summary>
/// Shared access signature tokens for Azure IoT Hub, computed as Microsoft documents them ("Control
/// access to IoT Hub using SAS", SAS token structure, C# sample): string to sign =
/// URL-encoded resource URI + <c>\n</c> + expiry (Unix seconds); signature = base64 of HMAC-SHA256 with
/// the base64-decoded key; token = <c>SharedAccessSignature sr={encoded uri}&amp;sig={encoded signature}&amp;se={expiry}[&amp;skn={policy}]</c>.
/// URL-encoding is <see cref="WebUtility.UrlEncode(string)"/>, as in the sample.
/// </summary>
/// <remarks>
/// A device token's resource URI is <c>{hub host}/devices/{device id}</c> (<see cref="DeviceResourceUri"/>)
/// with no policy name; the device id keeps its case (IoT Hub device ids are case-sensitive). The token
/// is the MQTT CONNECT password.
/// </remarks>
public static class IotHubSasToken
{
    /// <summary>The resource URI a device-scoped token grants.</summary>
    /// <param name="hostName">Full hub host name (e.g. <c>myhub.azure-devices.net</c>).</param>
    /// <param name="deviceId">Device id.</param>
    /// <returns><c>{hostName}/devices/{deviceId}</c>.</returns>
    public static string DeviceResourceUri(string hostName, string deviceId) => hostName + "/devices/" + deviceId;

    /// <summary>True when a key is base64 of at least one byte, as IoT Hub shows it.</summary>
    /// <param name="base64Key">Candidate key.</param>
    /// <returns>Whether it is usable.</returns>
    public static bool IsValidKey(string? base64Key)
    {
        if (string.IsNullOrEmpty(base64Key))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[256];
        return Convert.TryFromBase64String(base64Key, buffer, out int length) && length > 0;
    }

    /// <summary>Creates a token that expires at a given instant.</summary>
    /// <param name="resourceUri">Resource URI without protocol (see <see cref="DeviceResourceUri"/>).</param>
    /// <param name="base64Key">The device or policy key, base64 as the portal shows it.</param>
    /// <param name="expiresAt">Expiry (rounded down to the second).</param>
    /// <param name="policyName">Shared access policy name; null for device-scoped tokens.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentException">The key is not base64 (check it with <see cref="IsValidKey"/> at start-up).</exception>
    public static string Create(string resourceUri, string base64Key, DateTimeOffset expiresAt, string? policyName = null) =>
        Create(resourceUri, base64Key, expiresAt.ToUnixTimeSeconds(), policyName);

    /// <summary>Creates a token that expires at a given Unix second.</summary>
    /// <param name="resourceUri">Resource URI without protocol.</param>
    /// <param name="base64Key">The device or policy key, base64.</param>
    /// <param name="expiryUnixSeconds">Expiry, seconds since the Unix epoch.</param>
    /// <param name="policyName">Shared access policy name; null for device-scoped tokens.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentException">The key is not base64.</exception>
    public static string Create(string resourceUri, string base64Key, long expiryUnixSeconds, string? policyName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        if (!IsValidKey(base64Key))
        {
            throw new ArgumentException("the IoT Hub key must be base64", nameof(base64Key));
        }

        string encodedUri = WebUtility.UrlEncode(resourceUri);
        string expiry = expiryUnixSeconds.ToString(CultureInfo.InvariantCulture);
        string signature = Sign(encodedUri + "\n" + expiry, Convert.FromBase64String(base64Key));
        string token = "SharedAccessSignature sr=" + encodedUri + "&sig=" + WebUtility.UrlEncode(signature) + "&se=" + expiry;
        return string.IsNullOrEmpty(policyName) ? token : token + "&skn=" + policyName;
    }

    /// <summary>The base64 HMAC-SHA256 of the string to sign.</summary>
    /// <param name="stringToSign">URL-encoded resource URI, <c>\n</c>, expiry.</param>
    /// <param name="key">Decoded key.</param>
    /// <returns>Base64 signature (not yet URL-encoded).</returns>
    public static string Sign(string stringToSign, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
