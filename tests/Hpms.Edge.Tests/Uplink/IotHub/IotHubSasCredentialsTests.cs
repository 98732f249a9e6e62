using Hpms.Edge.Tests.Sensors;
using Hpms.Edge.Uplink.IotHub;
using Hpms.Protocols.AzureIotHub;

namespace Hpms.Edge.Tests.Uplink.IotHub;

public sealed class IotHubSasCredentialsTests
{
    private const string Key = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private IotHubSasCredentials Credentials() => new("hub.azure-devices.net", "gw-1", Key, TimeSpan.FromHours(1), _time);

    [Fact]
    public void Current_FirstRead_TokenForTheDeviceExpiringAfterTheLifetime()
    {
        IotHubSasCredentials credentials = Credentials();

        string token = credentials.Current;

        DateTimeOffset expiry = _time.Now.AddHours(1);
        Assert.Equal(IotHubSasToken.Create("hub.azure-devices.net/devices/gw-1", Key, expiry), token);
        Assert.Equal(expiry, credentials.ExpiresAt);
        Assert.Equal("hub.azure-devices.net/gw-1/?api-version=2021-04-12", credentials.Username);
    }

    [Fact]
    public void Current_BeforeEightyPercent_SameToken()
    {
        IotHubSasCredentials credentials = Credentials();
        string first = credentials.Current;

        _time.Now = _time.Now.AddMinutes(47);

        Assert.False(credentials.NeedsRenewal);
        Assert.Equal(first, credentials.Current);
        Assert.Equal(1, credentials.Issued);
    }

    [Fact]
    public void Current_AtEightyPercent_RenewedWithLaterExpiry()
    {
        IotHubSasCredentials credentials = Credentials();
        string first = credentials.Current;

        _time.Now = _time.Now.AddMinutes(48);

        Assert.True(credentials.NeedsRenewal);
        Assert.NotEqual(first, credentials.Current);
        Assert.Equal(_time.Now.AddHours(1), credentials.ExpiresAt);
        Assert.Equal(2, credentials.Issued);
        Assert.False(credentials.NeedsRenewal);
    }
}
