using Hpms.Cloud.Commands;
using Hpms.Cloud.Operations;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires device commands: options (section <c>Commands</c>), the gateways' keys, the MQTT channel, the dispatcher and the endpoint.</summary>
public static class CommandsExtensions
{
    /// <summary>Adds the command services.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudCommands(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CommandOptions>().Bind(builder.Configuration.GetSection(CommandOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>();
        builder.Services.AddSingleton<CommandKeys>();
        builder.Services.AddSingleton<CommandMetrics>();
        builder.Services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<CommandMetrics>());
        builder.Services.AddSingleton<MqttCommandChannel>();
        builder.Services.AddSingleton<ICommandChannel>(sp => sp.GetRequiredService<MqttCommandChannel>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttCommandChannel>());
        builder.Services.AddSingleton<CommandDispatcher>();
        return builder;
    }

    /// <summary>Maps <c>POST /api/devices/{id}/commands/{name}</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapCloudCommands(this IEndpointRouteBuilder endpoints) => endpoints.MapCommandEndpoints();
}
