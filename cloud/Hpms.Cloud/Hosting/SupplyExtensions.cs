using Hpms.Cloud.Alarms;
using Hpms.Cloud.ColdChain;
using Hpms.Cloud.Events;
using Hpms.Cloud.Operations;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Telemetry;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires the supply side: alarms, replenishment and gas orders, cold-chain holds, order export.</summary>
public static class SupplyExtensions
{
    /// <summary>Adds the consumers, telemetry observers, services, metrics and the webhook exporter. Needs <c>AddCloudStorage</c> and <c>AddCloudEvents</c>.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudSupply(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<SupplyOptions>().Bind(builder.Configuration.GetSection(SupplyOptions.Section)).ValidateOnStart();
        services.AddSingleton<SupplyMetrics>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<SupplyMetrics>());
        services.AddSingleton<AlarmWriter>();
        services.AddSingleton<AlarmService>();
        services.AddSingleton<SupplyCatalog>();
        services.AddSingleton<OrderBook>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<GasDelivery>();
        services.AddSingleton<HoldService>();
        services.AddSingleton<OpenLineTracker>();
        services.AddSingleton<ITelemetryObserver>(sp => sp.GetRequiredService<OpenLineTracker>());
        services.AddSingleton<ITelemetryObserver, LoxTrendObserver>();
        services.AddSingleton<IEventConsumer, AlarmConsumer>();
        services.AddSingleton<IEventConsumer, ReplenishmentConsumer>();
        services.AddSingleton<IEventConsumer, GasDeliveryConsumer>();
        services.AddSingleton<IEventConsumer, ColdChainConsumer>();
        services.AddHttpClient<OrderExporter>();
        services.AddHostedService<OrderExportService>();
        return builder;
    }

    /// <summary>Maps <c>/api/alarms</c>, <c>/api/orders</c> and <c>/api/holds</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapSupplyEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapAlarmEndpoints().MapOrderEndpoints().MapHoldEndpoints();
}
