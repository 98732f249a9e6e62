using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Hpms.Protocols.AzureIotHub;

/// <summary>
/// The MQTT names IoT Hub documents for devices ("Communicate with an IoT hub using the MQTT protocol"):
/// CONNECT client id = device id, username <c>{hub host}/{device id}/?api-version=2021-04-12</c>,
/// password = SAS token (<see cref="IotHubSasToken"/>); telemetry on
/// <c>devices/{device id}/messages/events/{property bag}</c>; cloud-to-device messages on
/// <c>devices/{device id}/messages/devicebound/#</c>; direct methods on <c>$iothub/methods/POST/#</c>,
/// answered on <c>$iothub/methods/res/{status}/?$rid={request id}</c>.
/// </summary>
public static class IotHubMqttTopics
{
    /// <summary>The API version the username names.</summary>
    public const string ApiVersion = "2021-04-12";

    /// <summary>Filter for direct-method calls.</summary>
    public const string DirectMethodsFilter = "$iothub/methods/POST/#";

    /// <summary>System property: content type of the message body (lets routing read JSON).</summary>
    public const string ContentTypeProperty = "$.ct";

    /// <summary>System property: content encoding of the message body.</summary>
    public const string ContentEncodingProperty = "$.ce";

    private const string MethodPrefix = "$iothub/methods/POST/";
    private const string RequestIdKey = "$rid=";

    /// <summary>The CONNECT client id.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>The device id itself.</returns>
    public static string ClientId(string deviceId) => deviceId;

    /// <summary>The CONNECT username.</summary>
    /// <param name="hostName">Full hub host name (e.g. <c>myhub.azure-devices.net</c>).</param>
    /// <param name="deviceId">Device id.</param>
    /// <returns><c>{hostName}/{deviceId}/?api-version=2021-04-12</c>.</returns>
    public static string Username(string hostName, string deviceId) => hostName + "/" + deviceId + "/?api-version=" + ApiVersion;

    /// <summary>The device-to-cloud topic, with an optional property bag.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <param name="properties">Application and system properties (keys <c>$.…</c> keep their prefix); null or empty for none.</param>
    /// <returns><c>devices/{deviceId}/messages/events/</c> followed by <c>k=v&amp;…</c>, URL-encoded.</returns>
    public static string Telemetry(string deviceId, IEnumerable<KeyValuePair<string, string>>? properties = null)
    {
        var topic = new StringBuilder("devices/").Append(deviceId).Append("/messages/events/");
        bool first = true;
        foreach (KeyValuePair<string, string> property in properties ?? [])
        {
            topic.Append(first ? string.Empty : "&").Append(EncodeKey(property.Key)).Append('=').Append(Uri.EscapeDataString(property.Value));
            first = false;
        }

        return topic.ToString();
    }

    /// <summary>The cloud-to-device subscription filter.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns><c>devices/{deviceId}/messages/devicebound/#</c>.</returns>
    public static string CloudToDeviceFilter(string deviceId) => "devices/" + deviceId + "/messages/devicebound/#";

    /// <summary>The topic a direct-method answer goes to.</summary>
    /// <param name="status">Status the method returns (e.g. 200).</param>
    /// <param name="requestId">The call's request id.</param>
    /// <returns><c>$iothub/methods/res/{status}/?$rid={requestId}</c>.</returns>
    public static string DirectMethodResponse(int status, string requestId) =>
        string.Create(CultureInfo.InvariantCulture, $"$iothub/methods/res/{status}/?$rid={requestId}");

    /// <summary>Reads a direct-method call from an incoming topic (<c>$iothub/methods/POST/{method}/?$rid={id}</c>); never throws.</summary>
    /// <param name="topic">Untrusted topic.</param>
    /// <param name="call">The method name and request id.</param>
    /// <returns>False when the topic is not a well-formed direct-method call.</returns>
    public static bool TryParseDirectMethod(string? topic, [NotNullWhen(true)] out IotHubDirectMethod? call)
    {
        call = null;
        if (topic is null || !topic.StartsWith(MethodPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = topic.AsSpan(MethodPrefix.Length);
        int query = rest.IndexOf("/?", StringComparison.Ordinal);
        if (query <= 0 || rest[..query].Contains('/'))
        {
            return false;
        }

        string method = rest[..query].ToString();
        foreach (Range part in rest[(query + 2)..].Split('&'))
        {
            ReadOnlySpan<char> pair = rest[(query + 2)..][part];
            if (pair.StartsWith(RequestIdKey, StringComparison.Ordinal) && pair.Length > RequestIdKey.Length)
            {
                call = new IotHubDirectMethod(method, pair[RequestIdKey.Length..].ToString());
                return true;
            }
        }

        return false;
    }

    private static string EncodeKey(string key) =>
        key.StartsWith("$.", StringComparison.Ordinal) ? "$." + Uri.EscapeDataString(key[2..]) : Uri.EscapeDataString(key);
}
