using Hpms.Cloud.Ingest;
using Hpms.Cloud.Operations;
using Hpms.Telemetry.Influx;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires the MQTT ingest and the time-series sink.</summary>
public static class IngestExtensions
{
    /// <summary>The configuration section of the InfluxDB sink (an empty <c>Url</c> = no InfluxDB).</summary>
    public const string InfluxSection = "Influx";

    /// <summary>
    /// Adds the ingest (options <c>Ingest</c>, validated at start), its counters and metrics, and the time-series
    /// sink: InfluxDB when <c>Influx:Url</c> is set, else the embedded line-protocol store (<c>Ingest:EmbeddedStore</c>, on by default), else none. Needs <c>AddCloudStorage</c> and
    /// <c>AddCloudEvents</c>; an <see cref="ITimeSeriesSink"/> registered before this call replaces InfluxDB.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<IngestOptions>().Bind(builder.Configuration.GetSection(IngestOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddOptions<InfluxWriterOptions>()
            .Configure(o => o.Url = string.Empty) // no InfluxDB unless configured
            .Bind(builder.Configuration.GetSection(InfluxSection))
            .Validate(o => o.Url.Length == 0 || o.Validate(InfluxSection).Count == 0, "Influx: invalid (see Influx:Url, Database, Org/Bucket, Precision, SecretEnv).")
            .ValidateOnStart();
        services.AddSingleton<IngestCounters>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<BinStockStore>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<IngestProcessor>();
        if (!services.Any(d => d.ServiceType == typeof(ITimeSeriesSink)))
        {
            if (!string.IsNullOrEmpty(builder.Configuration[InfluxSection + ":Url"]))
            {
                services.AddSingleton<InfluxTimeSeriesSink>();
                services.AddSingleton<ITimeSeriesSink>(sp => sp.GetRequiredService<InfluxTimeSeriesSink>());
                services.AddHostedService(sp => sp.GetRequiredService<InfluxTimeSeriesSink>());
            }
            else if (builder.Configuration.GetValue(IngestOptions.Section + ":EmbeddedStore", true))
            {
                services.AddSingleton<EmbeddedTimeSeriesSink>();
                services.AddSingleton<ITimeSeriesSink>(sp => sp.GetRequiredService<EmbeddedTimeSeriesSink>());
                services.AddSingleton<IMetricsSource, EmbeddedStoreMetrics>();
            }
            else
            {
                services.AddSingleton<ITimeSeriesSink, NullTimeSeriesSink>();
            }
        }

        services.AddSingleton<IMetricsSource, IngestMetrics>();
        if (builder.Configuration.GetValue(IngestOptions.Section + ":Enabled", true))
        {
            services.AddSingleton<MqttIngestService>();
            services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
        }

        return builder;
    }
}
