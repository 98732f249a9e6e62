using System.Globalization;
using Hpms.Edge.Configuration;
using Hpms.Edge.Operations;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Rules;
using Hpms.Edge.Sensors;
using Hpms.Edge.Uplink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace Hpms.Edge.Hosting;

/// <summary>The gateway's wiring, one method per feature (Program.cs only calls these).</summary>
public static class EdgeHostExtensions
{
    /// <summary>Adds the site's configuration file and the gateway options, validated at start.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="commandLine">hpms-edge's flags.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddGatewayConfiguration(this IHostApplicationBuilder builder, EdgeCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(commandLine);
        if (commandLine.ConfigFile is string file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables("HPMS_EDGE_");
            builder.Configuration.AddCommandLine(commandLine.Remaining);
        }

        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Adds Serilog: console, and a rolling file when <c>Serilog:File:Path</c> is set (see <see cref="LogOptions"/>).</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddEdgeLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LogOptions>().BindConfiguration(LogOptions.Section);
        builder.Services.AddSerilog((services, configuration) => ConfigureLogging(configuration, services.GetRequiredService<IOptions<LogOptions>>().Value));
        return builder;
    }

    private static void ConfigureLogging(LoggerConfiguration configuration, LogOptions options)
    {
        configuration.MinimumLevel.Is(options.MinimumLevel.Default);
        foreach ((string source, LogEventLevel level) in options.MinimumLevel.Override)
        {
            configuration.MinimumLevel.Override(source, level);
        }

        if (options.Console)
        {
            configuration.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
        }

        LogFileOptions file = options.File;
        if (!string.IsNullOrWhiteSpace(file.Path))
        {
            configuration.WriteTo.File(
                file.Path, formatProvider: CultureInfo.InvariantCulture, fileSizeLimitBytes: file.FileSizeLimitBytes,
                rollingInterval: file.RollingInterval, rollOnFileSizeLimit: file.RollOnFileSizeLimit, retainedFileCountLimit: file.RetainedFileCountLimit);
        }
    }

    /// <summary>Adds local rules and the durable uplink (MQTT and InfluxDB sinks with store-and-forward).</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddRulesAndUplink(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RulesOptions>().BindConfiguration(RulesOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RulesOptions>, RulesOptionsValidator>());
        builder.Services.AddOptions<UplinkOptions>().BindConfiguration(UplinkOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UplinkOptions>, UplinkOptionsValidator>());
        builder.Services.TryAddSingleton<UplinkQueues>();
        builder.Services.TryAddSingleton<IEventPublisher>(s => s.GetRequiredService<UplinkQueues>());
        builder.Services.TryAddSingleton<RulesStage>();

        // Order matters: rules first (their events join the same buffers), then the buffers.
        builder.Services.AddSingleton<IReadingConsumer>(s => s.GetRequiredService<RulesStage>());
        builder.Services.AddSingleton<IReadingConsumer>(s => s.GetRequiredService<UplinkQueues>());
        builder.Services.TryAddSingleton<UplinkService>();
        builder.Services.AddHostedService(s => s.GetRequiredService<UplinkService>());
        return builder;
    }

    /// <summary>Adds the gateway's own I2C temperature/humidity probe (when <c>LocalSensor:Enabled</c>).</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddLocalSensor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LocalSensorOptions>().BindConfiguration(LocalSensorOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalSensorOptions>, LocalSensorOptionsValidator>());
        builder.Services.AddHostedService<LocalSensorService>();
        return builder;
    }

    /// <summary>Adds <c>/metrics</c>, <c>/health</c>, the health file and the <c>gateway</c> health reading.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddEdgeOperations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section);
        builder.Services.TryAddSingleton<EdgeMetrics>();
        builder.Services.AddHostedService<OperationsService>();

        // The gateway's own health as a `gateway` reading through the pipeline (GatewayHealth section, on by default).
        builder.Services.TryAddSingleton<ReadingChannel>();
        builder.Services.AddOptions<GatewayHealthOptions>().BindConfiguration(GatewayHealthOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayHealthOptions>, GatewayHealthOptionsValidator>());
        builder.Services.AddHostedService<GatewayHealthPublisher>();
        return builder;
    }

    /// <summary>Adds the pollers and the pipeline that takes their readings.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddModbusPolling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ReadingChannel>();
        builder.Services.TryAddSingleton<LatestReadings>();
        builder.Services.AddSingleton<IReadingConsumer>(s => s.GetRequiredService<LatestReadings>());
        builder.Services.TryAddSingleton<PollingService>();
        builder.Services.AddHostedService(s => s.GetRequiredService<PollingService>());
        builder.Services.AddHostedService<PipelineService>();
        return builder;
    }
}
