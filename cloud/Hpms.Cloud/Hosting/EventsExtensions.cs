using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Events;
using Hpms.Cloud.Telemetry;
using Hpms.Cloud.WorkOrders;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires exactly-once event processing and the pieces every consumer shares.</summary>
public static class EventsExtensions
{
    /// <summary>Adds the event processor, the latest-telemetry cache, the SLA policy and the work-order opener.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<EventProcessor>();
        builder.Services.AddSingleton<LatestTelemetry>();
        builder.Services.AddSingleton(_ => builder.Configuration.GetSection("WorkOrders:Sla").Get<SlaPolicy>() ?? new SlaPolicy());
        builder.Services.AddSingleton<IWorkOrderOpener, WorkOrderOpener>();
        return builder;
    }
}
