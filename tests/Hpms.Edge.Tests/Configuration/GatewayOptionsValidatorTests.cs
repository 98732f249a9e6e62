using Hpms.Edge.Configuration;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Tests.Configuration;

public sealed class GatewayOptionsValidatorTests
{
    private static readonly string s_maps = Path.Combine(AppContext.BaseDirectory, "devices");

    private static GatewayOptions Valid()
    {
        var options = new GatewayOptions { Site = "city-general", Id = "gw-a", MapsDirectory = s_maps };
        options.Devices.Add(new DeviceOptions { Id = "fridge-1", Map = "cold-chain-fridge", Transport = DeviceTransport.ModbusTcp, Host = "127.0.0.1", Port = 502 });
        options.Devices.Add(new DeviceOptions { Id = "fridge-2", Map = "cold-chain-fridge", Transport = DeviceTransport.ModbusRtu, SerialPort = "/dev/ttyUSB0", BaudRate = 9600, UnitId = 2 });
        return options;
    }

    private static IEnumerable<string> Failures(GatewayOptions options)
    {
        ValidateOptionsResult result = new GatewayOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        return result.Failures!;
    }

    [Fact]
    public void Validate_GoodConfiguration_Succeeds() =>
        Assert.True(new GatewayOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Validate_Problems_NameTheirConfigurationKeys()
    {
        GatewayOptions options = Valid();
        options.Site = "city/general";
        options.Devices[0].Port = 0;
        options.Devices[0].PollInterval = TimeSpan.FromMilliseconds(5);
        options.Devices[1].BaudRate = 12345;
        options.Devices.Add(new DeviceOptions { Id = "fridge-1", Map = "no-such-class", Host = "h" });

        IEnumerable<string> failures = Failures(options);

        Assert.Contains(failures, f => f.StartsWith("Gateway:Site:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Devices:0:Port: must be 1..65535", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Devices:0:PollInterval:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Devices:1:", StringComparison.Ordinal) && f.Contains("12345", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Devices:2:Id: 'fridge-1' is used by another device", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Devices:2:Map: cannot read", StringComparison.Ordinal) && f.Contains("no-such-class.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SameUnitTwiceOnOneLine_Refused_ButFineOnDifferentLines()
    {
        GatewayOptions options = Valid();
        options.Devices.Add(new DeviceOptions { Id = "fridge-3", Map = "cold-chain-fridge", Transport = DeviceTransport.ModbusRtu, SerialPort = "/dev/ttyUSB0", BaudRate = 9600, UnitId = 2 });
        options.Devices.Add(new DeviceOptions { Id = "fridge-4", Map = "cold-chain-fridge", Transport = DeviceTransport.ModbusRtu, SerialPort = "/dev/ttyUSB1", BaudRate = 9600, UnitId = 2 });

        string failure = Assert.Single(Failures(options));
        Assert.StartsWith("Gateway:Devices:2:UnitId: unit 2 is already used on the same line", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenSiteMap_ReportsTheMapsOwnFileAndEntry()
    {
        string map = Path.Combine(Path.GetTempPath(), $"vendor-{Guid.NewGuid():N}.json");
        File.WriteAllText(map, """{ "deviceClass": "vendor-x", "points": [ { "name": "t", "table": "InputRegister", "address": 0, "type": "Float33" } ] }""");
        try
        {
            GatewayOptions options = Valid();
            options.Devices[0].Map = map;
            IEnumerable<string> failures = Failures(options);
            Assert.Contains(failures, f => f.StartsWith($"Gateway:Devices:0:Map: {map} is invalid", StringComparison.Ordinal));
            Assert.Contains(failures, f => f.Contains(Path.GetFileName(map), StringComparison.Ordinal) && f.Contains("Float33", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(map);
        }
    }
}
