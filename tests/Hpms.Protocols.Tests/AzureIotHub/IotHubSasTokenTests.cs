using System.Security.Cryptography;
using System.Text;
using Hpms.Protocols.AzureIotHub;

namespace Hpms.Protocols.Tests.AzureIotHub;

/// <summary>
/// Known answers computed independently with Microsoft's documented Python sample (quote_plus, HMAC with
/// the base64-decoded key, urlencode of sr/sig/se/skn), so the C# port is checked against another implementation.
/// </summary>
public sealed class IotHubSasTokenTests
{
    private const string DeviceKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    [Fact]
    public void Create_DeviceScopedToken_MatchesKnownAnswer()
    {
        string uri = IotHubSasToken.DeviceResourceUri("myhub.azure-devices.net", "Gateway-01");
        Assert.Equal(
            "SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2FGateway-01&sig=A5QOwGg%2FqRRL70Vz6du7rc6X%2F9I53QoWnw2uYgPSUT8%3D&se=1700003600",
            IotHubSasToken.Create(uri, DeviceKey, 1_700_003_600));
    }

    [Fact]
    public void Create_PolicyToken_AppendsSkn()
    {
        Assert.Equal(
            "SharedAccessSignature sr=myhub.azure-devices.net&sig=O07OX5OcfCFOkfh8zWkq2lvYGBDYTmcSy7Eb6MD0hNg%3D&se=1893456000&skn=iothubowner",
            IotHubSasToken.Create("myhub.azure-devices.net", "c2VjcmV0LWtleS1mb3ItcG9saWN5", DateTimeOffset.FromUnixTimeSeconds(1_893_456_000), "iothubowner"));
    }

    [Fact]
    public void Sign_StringToSign_IsHmacSha256WithDecodedKey()
    {
        const string stringToSign = "myhub.azure-devices.net%2Fdevices%2FGateway-01\n1700003600";
        byte[] expected = HMACSHA256.HashData(Convert.FromBase64String(DeviceKey), Encoding.UTF8.GetBytes(stringToSign));
        Assert.Equal("A5QOwGg/qRRL70Vz6du7rc6X/9I53QoWnw2uYgPSUT8=", Convert.ToBase64String(expected));
        Assert.Equal(Convert.ToBase64String(expected), IotHubSasToken.Sign(stringToSign, Convert.FromBase64String(DeviceKey)));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("not base64!", false)]
    [InlineData(DeviceKey, true)]
    public void IsValidKey_Candidates_AcceptsOnlyBase64(string? key, bool expected) => Assert.Equal(expected, IotHubSasToken.IsValidKey(key));

    [Fact]
    public void Create_BadKey_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => IotHubSasToken.Create("myhub.azure-devices.net", "%%%", 1));
}
