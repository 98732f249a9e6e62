using Hpms.Cloud.Hosting;
using Hpms.Cloud.Maintenance;
using Hpms.Cloud.Operations;
using Hpms.Cloud.WorkOrders;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class MaintenanceWiringTests
{
    [Fact]
    public void AddCloudMaintenance_ResolvesTheJobAsHostedServiceAndTheMetricsSource()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration["Maintenance:Interval"] = "00:10:00";
        builder.Configuration["Maintenance:Filter:LeadTime"] = "3.00:00:00";
        builder.Configuration["Maintenance:Vibration:MachineClass"] = "Group1Flexible";
        builder.AddCloudStorage().AddCloudEvents().AddCloudMaintenance();
        builder.Services.AddSingleton<IWorkOrderVerifier, NoVerifier>();
        using WebApplication app = builder.Build();

        MaintenanceOptions options = app.Services.GetRequiredService<IOptions<MaintenanceOptions>>().Value;
        PredictiveMaintenanceJob job = app.Services.GetRequiredService<PredictiveMaintenanceJob>();

        Assert.Contains(app.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, job));
        Assert.Contains(app.Services.GetServices<IMetricsSource>(), s => s is MaintenanceMetrics);
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromDays(3), Hpms.Cloud.Domain.Maintenance.VibrationMachineClass.Group1Flexible),
            (options.Interval, options.Filter.LeadTime, options.Vibration.MachineClass));
    }

    [Fact]
    public void AddCloudMaintenance_ReadsTheInfluxTheIngestWrites_UnlessItsOwnKeysSaySo()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration["Influx:Url"] = "http://127.0.0.1:8186";
        builder.Configuration["Influx:Database"] = "site-a";
        builder.Configuration["Maintenance:Influx:Username"] = "reader";
        builder.AddCloudStorage().AddCloudEvents().AddCloudMaintenance();
        builder.Services.AddSingleton<IWorkOrderVerifier, NoVerifier>();
        using WebApplication app = builder.Build();

        InfluxQueryOptions influx = app.Services.GetRequiredService<IOptions<MaintenanceOptions>>().Value.Influx;

        Assert.Equal(("http://127.0.0.1:8186", "site-a", "reader"), (influx.Url, influx.Database, influx.Username));
    }

    [Fact]
    public void Metrics_WriteEveryFamily()
    {
        var metrics = new MaintenanceMetrics();
        metrics.Ran(new MaintenanceRunResult(true, 6, 2, 1, 1, 0, 0), TimeSpan.FromMilliseconds(250));
        metrics.Skipped();
        var text = new PrometheusText();

        metrics.WriteTo(text);

        string s = text.ToString();
        Assert.Contains("hpms_cloud_maintenance_runs_total 1\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_maintenance_runs_skipped_total 1\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_maintenance_last_run_seconds 0.25\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_maintenance_series_analysed_total 6\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_maintenance_predictions_total 2\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_maintenance_work_orders_opened_total 1\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_maintenance_query_failures_total 0\n", s, StringComparison.Ordinal);
    }

    private sealed class NoVerifier : IWorkOrderVerifier
    {
        public Task<bool> VerifyAsync(long workOrderId, string actor, string evidence, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
