using Hpms.Edge.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Hosting;

/// <summary>Wiring of commands from the cloud (needs <see cref="EdgeHostExtensions.AddModbusPolling"/> and the uplink options).</summary>
public static class CommandsExtensions
{
    /// <summary>Adds the command options (validated at start) and the command service (idle unless <c>Commands:Enabled</c>).</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudCommands(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>());
        builder.Services.TryAddSingleton<ICommandDevices, PollingCommandDevices>();
        builder.Services.TryAddSingleton<CommandService>();
        builder.Services.AddHostedService(s => s.GetRequiredService<CommandService>());
        return builder;
    }
}
