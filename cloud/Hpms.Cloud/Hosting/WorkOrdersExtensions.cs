using Hpms.Cloud.Operations;
using Hpms.Cloud.WorkOrders;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires the closed maintenance loop: service, dispatch and escalation job, metrics and the API.</summary>
public static class WorkOrdersExtensions
{
    /// <summary>Adds work orders. Needs <c>AddCloudStorage</c> and <c>AddCloudEvents</c> (SLA policy, opener) first.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudWorkOrders(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WorkOrderOptions>().Bind(builder.Configuration.GetSection(WorkOrderOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkOrderOptions>, WorkOrderOptionsValidator>();
        builder.Services.AddSingleton<WorkOrderService>();
        builder.Services.AddSingleton<IWorkOrderVerifier>(sp => sp.GetRequiredService<WorkOrderService>());
        builder.Services.AddSingleton<WorkOrderQueries>();
        builder.Services.AddSingleton<TechnicianStore>();
        builder.Services.AddSingleton<WorkOrderDispatcher>();
        builder.Services.AddSingleton<SlaEscalator>();
        builder.Services.AddSingleton<WorkOrderMetrics>();
        builder.Services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<WorkOrderMetrics>());
        builder.Services.AddSingleton<WorkOrderDispatchJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkOrderDispatchJob>());
        return builder;
    }

    /// <summary>Maps <c>/api/workorders</c>, <c>/api/kpis</c> and <c>/api/technicians</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapWorkOrderEndpoints(this IEndpointRouteBuilder endpoints) => WorkOrderEndpoints.Map(endpoints);
}
