using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Cloud.Supply;

/// <summary>The webhook exporter against a local listener that fails before it succeeds.</summary>
[Collection("postgres")]
public sealed class OrderExportTests(PostgresFixture postgres)
{
    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Webhook_FailsTwiceThenSucceeds_DeliveredOnce_MarkedExported_Audited(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        int port = LoopbackPort.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/erp/");
        listener.Start();
        var bodies = new List<string>();
        int requests = 0;
        Task server = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream);
                string body = await reader.ReadToEndAsync();
                int n = Interlocked.Increment(ref requests);
                if (n > 2)
                {
                    lock (bodies)
                    {
                        bodies.Add(body);
                    }
                }

                context.Response.StatusCode = n <= 2 ? 503 : 200;
                context.Response.Close();
            }
        });

        var options = new SupplyOptions
        {
            ExportWebhookUrl = new Uri($"http://127.0.0.1:{port}/erp/orders"), ExportBackoff = TimeSpan.FromMilliseconds(20), ExportSettle = TimeSpan.Zero, // real time below: the back-off is 20 ms, 40 ms
            ExportMaxAttempts = 5, OpenLinesRefresh = TimeSpan.FromHours(1),
        };
        var rig = new SupplyRig(store.Database, options);
        await rig.SeedCatalogAsync();
        await rig.Processor.ProcessAsync(rig.Stock("evt-3", 3, 5, 8), CancellationToken.None);
        using var http = new HttpClient();
        var exporter = new OrderExporter(store.Database, rig.Queries, rig.Audit, rig.Metrics, http, rig.Options, TimeProvider.System, NullLogger<OrderExporter>.Instance);

        int first = await exporter.ExportDueAsync(CancellationToken.None);
        int second = await exporter.ExportDueAsync(CancellationToken.None);
        listener.Stop();
        await server;

        Assert.Equal((1, 0, 3), (first, second, requests));
        string body = Assert.Single(bodies);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("acme", json.RootElement.GetProperty("supplierId").GetString());
        Assert.Equal(40, json.RootElement.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("exported", await rig.ScalarAsync<string>("SELECT status FROM orders"));
        Assert.Equal(3, await rig.ScalarAsync<int>("SELECT export_attempts FROM orders"));
        Assert.Equal(1, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'order.export'"));
        var text = new Hpms.Cloud.Operations.PrometheusText();
        rig.Metrics.WriteTo(text);
        Assert.Contains("hpms_cloud_supply_exports_failed_total 2", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_supply_exports_sent_total 1", text.ToString(), StringComparison.Ordinal);

        // A new breach after export goes to a new open order.
        await rig.Processor.ProcessAsync(rig.Stock("evt-4", 4, 1, 4), CancellationToken.None);
        Assert.Equal(2, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM orders"));
    }

}
