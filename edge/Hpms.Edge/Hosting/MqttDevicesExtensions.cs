using Hpms.Edge.Commands;
using Hpms.Edge.MqttDevices;
using Hpms.Edge.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Hosting;

/// <summary>Wiring of MQTT-native device ingest.</summary>
public static class MqttDevicesExtensions
{
    /// <summary>Adds the subscription to the building broker for devices with <c>Transport: Mqtt</c> (section <c>MqttDevices</c>).</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddMqttDevices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MqttDevicesOptions>().BindConfiguration(MqttDevicesOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttDevicesOptions>, MqttDevicesOptionsValidator>());
        builder.Services.TryAddSingleton<ReadingChannel>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<MqttDeviceService>();
        builder.Services.TryAddSingleton<ICabinetCommands>(s => s.GetRequiredService<MqttDeviceService>());
        builder.Services.AddHostedService(s => s.GetRequiredService<MqttDeviceService>());
        return builder;
    }
}
