using Hpms.Cloud.Maintenance;
using Hpms.Cloud.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires predictive maintenance: options, the InfluxQL client, the job (hosted) and its metrics.</summary>
public static class MaintenanceExtensions
{
    /// <summary>
    /// Adds predictive maintenance. Needs <see cref="StorageExtensions.AddCloudStorage"/>,
    /// <see cref="EventsExtensions.AddCloudEvents"/> (the work-order opener) and an
    /// <see cref="WorkOrders.IWorkOrderVerifier"/> registration.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudMaintenance(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The job reads the database the ingest writes: Maintenance:Influx starts from the Influx section and
        // only keys set under Maintenance:Influx differ (e.g. a read-only user).
        builder.Services.AddOptions<MaintenanceOptions>()
            .Configure(o => builder.Configuration.GetSection(IngestExtensions.InfluxSection).Bind(o.Influx))
            .Bind(builder.Configuration.GetSection(MaintenanceOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MaintenanceOptions>, MaintenanceOptionsValidator>();
        builder.Services.AddSingleton(sp => new InfluxQueryClient(sp.GetRequiredService<IOptions<MaintenanceOptions>>()));
        builder.Services.AddSingleton<MaintenanceMetrics>();
        builder.Services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<MaintenanceMetrics>());
        builder.Services.AddSingleton<FilterChangeVerifier>();
        builder.Services.AddSingleton<PredictiveMaintenanceJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PredictiveMaintenanceJob>());
        return builder;
    }
}
