using Hpms.Cloud.Alarms;
using Hpms.Cloud.ColdChain;
using Hpms.Cloud.Events;
using Hpms.Cloud.Hosting;
using Hpms.Cloud.Operations;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hpms.Cloud.Tests.Replenishment;

public sealed class SupplyExtensionsTests
{
    [Fact]
    public void AddCloudSupply_ResolvesConsumersObserversServicesAndMetrics()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddCloudStorage().AddCloudEvents().AddCloudSupply();
        using IHost host = builder.Build();
        IServiceProvider s = host.Services;

        Assert.Equal(
            [typeof(AlarmConsumer), typeof(ReplenishmentConsumer), typeof(GasDeliveryConsumer), typeof(ColdChainConsumer)],
            s.GetServices<IEventConsumer>().Select(c => c.GetType()));
        Assert.Contains(s.GetRequiredService<OpenLineTracker>(), s.GetServices<ITelemetryObserver>());
        Assert.Contains(s.GetServices<ITelemetryObserver>(), o => o is LoxTrendObserver);
        Assert.Contains(s.GetRequiredService<SupplyMetrics>(), s.GetServices<IMetricsSource>());
        Assert.NotNull(s.GetRequiredService<EventProcessor>());
        Assert.NotNull(s.GetRequiredService<OrderExporter>());
        Assert.NotNull(s.GetRequiredService<AlarmService>());
        Assert.NotNull(s.GetRequiredService<HoldService>());
        Assert.Contains(s.GetServices<IHostedService>(), h => h is OrderExportService);
    }
}
