using Hpms.Edge.Sensors;

namespace Hpms.Edge.Tests.Sensors;

public sealed class LocalSensorOptionsTests
{
    [Fact]
    public void Validate_Disabled_AcceptsAnything() =>
        Assert.Empty(new LocalSensorOptions { Enabled = false, Address = 0x10, Interval = TimeSpan.Zero }.Validate());

    [Fact]
    public void Validate_Enabled_NamesEveryBadKey()
    {
        var options = new LocalSensorOptions { Enabled = true, BusId = 300, Address = 0x40, Interval = TimeSpan.FromMilliseconds(10), DeviceId = " " };

        IReadOnlyList<string> errors = options.Validate();

        Assert.Equal(
            ["LocalSensor:BusId", "LocalSensor:Address", "LocalSensor:Interval", "LocalSensor:DeviceId"],
            errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Contains("0x40 is not an SHT3x address", errors[1], StringComparison.Ordinal);
    }
}
