using Hpms.IntegrationTests.Infrastructure;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.SupplyCabinet;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Time;

namespace Hpms.IntegrationTests.Mqtt;

/// <summary>
/// An MQTT-native cabinet on a fast simulated clock (1 s of device time every 20 ms of wall time,
/// reporting every simulated second) linked to the broker as its own user; the password reaches the
/// link through an environment variable, as in production.
/// </summary>
public sealed class CabinetRig : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _clock;

    private CabinetRig(MqttSupplyCabinetDevice device, MqttDeviceLink link)
    {
        Device = device;
        Link = link;
        _clock = Task.Run(RunClockAsync);
    }

    public MqttSupplyCabinetDevice Device { get; }

    public MqttDeviceLink Link { get; }

    public static async Task<CabinetRig> StartAsync(MosquittoBroker broker, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(broker);
        List<string> errors = [];
        var settings = new DeviceSettings(
            System.Text.Json.JsonDocument.Parse("""{"reportSeconds":1,"bins":[{"itemCode":100001,"par":40,"reorderPoint":10,"onHand":30,"dailyUse":0},{"itemCode":100002,"par":20,"reorderPoint":5,"onHand":20,"dailyUse":0}]}""").RootElement.Clone(),
            deviceId,
            errors);
        var context = new DeviceContext(
            new DeviceIdentity(deviceId, "smart-supply-cabinet-mqtt", "site", "b1", "ward"), new Random(1), new HospitalFlowProfile(), NullGroundTruth.Instance);
        var device = (MqttSupplyCabinetDevice)MqttSupplyCabinetDevice.Info.Create(context, null, settings);
        Assert.Empty(errors);

        string passwordEnv = "HPMS_TEST_MQTT_PASSWORD_" + deviceId.Replace('-', '_').ToUpperInvariant();
        Environment.SetEnvironmentVariable(passwordEnv, broker.Passwords[deviceId]);
        var options = new MqttLinkOptions("127.0.0.1", broker.Port, deviceId, deviceId, passwordEnv)
        {
            PublishInterval = TimeSpan.FromMilliseconds(20),
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
        };
        var link = new MqttDeviceLink(device, options);
        await link.StartAsync(CancellationToken.None);
        return new CabinetRig(device, link);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _clock;
        await Link.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunClockAsync()
    {
        DateTimeOffset now = new(2025, 3, 12, 3, 0, 0, TimeSpan.FromHours(1));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                now = now.AddSeconds(1);
                Device.Advance(now, TimeSpan.FromSeconds(1));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
