using Hpms.Edge.Uplink;
using Hpms.Edge.Uplink.IotHub;

namespace Hpms.Edge.Tests.Uplink.IotHub;

public sealed class IotHubUplinkOptionsTests
{
    [Fact]
    public void Validate_Disabled_NoProblems()
    {
        Assert.Empty(new IotHubUplinkOptions { Host = string.Empty, DeviceId = "a/b" }.Validate("Uplink:IotHub"));
    }

    [Fact]
    public void Validate_EnabledAndBroken_EveryKeyNamed()
    {
        var options = new IotHubUplinkOptions
        {
            Enabled = true, DeviceId = "gw/1", KeyEnv = "HPMS_TEST_IOTHUB_KEY_UNSET_" + Guid.NewGuid().ToString("N"), TokenLifetime = TimeSpan.FromSeconds(5), Port = 0,
        };

        IReadOnlyList<string> errors = options.Validate("Uplink:IotHub");

        Assert.Equal(
            ["Uplink:IotHub:Host", "Uplink:IotHub:DeviceId", "Uplink:IotHub:KeyEnv", "Uplink:IotHub:TokenLifetime", "Uplink:IotHub:Port"],
            errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Validate_KeyNotBase64_Refused()
    {
        string env = "HPMS_TEST_IOTHUB_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(env, "not base64!");
        var options = new IotHubUplinkOptions { Enabled = true, Host = "h", DeviceId = "gw-1", KeyEnv = env };

        Assert.Equal(["Uplink:IotHub:KeyEnv: the value of " + env + " is not a base64 key."], options.Validate("Uplink:IotHub"));
    }

    [Fact]
    public void UplinkValidate_IotHubEnabledWithoutHost_NamedUnderUplink()
    {
        var uplink = new UplinkOptions();
        uplink.Mqtt.Enabled = false;
        uplink.IotHub.Enabled = true;
        uplink.IotHub.DeviceId = "gw-1";

        Assert.Contains(uplink.Validate(), e => e.StartsWith("Uplink:IotHub:Host:", StringComparison.Ordinal));
    }
}
