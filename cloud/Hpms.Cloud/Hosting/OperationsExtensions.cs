using Hpms.Cloud.Operations;
using Serilog;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires operations: Serilog (section <c>Serilog</c>; console and a rolling file by default), request logging, HTTP metrics, health, readiness and metrics endpoints.</summary>
public static class OperationsExtensions
{
    /// <summary>Adds Serilog, the HTTP metrics and the readiness checks.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudOperations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
            {
                // Defaults when the configuration names no sinks: console, and a daily file kept for two weeks.
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                    .WriteTo.File(Path.Combine("logs", "hpms-cloud-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        builder.Services.AddOptions<OperationsOptions>().Bind(builder.Configuration.GetSection(OperationsOptions.Section));
        builder.Services.AddSingleton<HttpMetrics>();
        builder.Services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<HttpMetrics>());
        builder.Services.AddSingleton<Readiness>();
        return builder;
    }

    /// <summary>Adds request logging and HTTP counting (call first, so every response is seen) and maps <c>/health</c>, <c>/ready</c>, <c>/metrics</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapCloudOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging();
        HttpMetrics metrics = app.Services.GetRequiredService<HttpMetrics>();
        app.Use((context, next) => metrics.InvokeAsync(context, next));
        app.MapOperationsEndpoints();
        return app;
    }
}
