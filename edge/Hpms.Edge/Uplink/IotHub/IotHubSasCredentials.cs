using Hpms.Protocols.AzureIotHub;

namespace Hpms.Edge.Uplink.IotHub;

/// <summary>
/// The gateway's SAS token for its hub connection, renewed after 80 % of its lifetime so a new
/// connection never starts with a token about to lapse (the hub closes a connection whose token expires).
/// </summary>
public sealed class IotHubSasCredentials
{
    private const double RenewAtFraction = 0.8;

    private readonly string _resourceUri;
    private readonly string _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private DateTimeOffset _renewAt = DateTimeOffset.MinValue;
    private string _token = string.Empty;

    /// <summary>Creates the credentials (no token is made until <see cref="Current"/> is read).</summary>
    /// <param name="hostName">Hub host name.</param>
    /// <param name="deviceId">Device id.</param>
    /// <param name="base64Key">Device key (validated at start).</param>
    /// <param name="lifetime">Token lifetime.</param>
    /// <param name="time">Clock.</param>
    public IotHubSasCredentials(string hostName, string deviceId, string base64Key, TimeSpan lifetime, TimeProvider time)
    {
        _resourceUri = IotHubSasToken.DeviceResourceUri(hostName, deviceId);
        _key = base64Key;
        _lifetime = lifetime;
        _time = time;
        Username = IotHubMqttTopics.Username(hostName, deviceId);
    }

    /// <summary>Gets the CONNECT user name.</summary>
    public string Username { get; }

    /// <summary>Gets when the current token expires.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Gets how many tokens were made.</summary>
    public int Issued { get; private set; }

    /// <summary>Gets whether the current token is past its renewal point (reconnect with a new one).</summary>
    public bool NeedsRenewal => _time.GetUtcNow() >= _renewAt;

    /// <summary>Gets a valid token, making a new one when the current one is due for renewal.</summary>
    public string Current
    {
        get
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (now >= _renewAt)
            {
                ExpiresAt = now + _lifetime;
                _token = IotHubSasToken.Create(_resourceUri, _key, ExpiresAt);
                _renewAt = now + (_lifetime * RenewAtFraction);
                Issued++;
            }

            return _token;
        }
    }
}
