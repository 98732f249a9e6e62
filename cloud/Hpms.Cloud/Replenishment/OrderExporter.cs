using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Sends open orders to the ERP: each order that has collected lines for
/// <see cref="SupplyOptions.ExportSettle"/> is POSTed as JSON to its supplier's <c>webhook_url</c> (or
/// <see cref="SupplyOptions.ExportWebhookUrl"/>), retried with doubling back-off, then marked exported and
/// audited. The order is marked only if no line was added while it was being sent; otherwise it stays
/// open and is sent again, whole, next round (the receiver de-duplicates by order id). Orders with no
/// webhook anywhere stay open for the CSV export.
/// </summary>
public sealed partial class OrderExporter(
    CloudDatabase database, OrderQueries queries, AuditLog audit, SupplyMetrics metrics, HttpClient http, IOptions<SupplyOptions> options, TimeProvider clock,
    ILogger<OrderExporter> logger)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Exports what is due now.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>Orders delivered.</returns>
    public async Task<int> ExportDueAsync(CancellationToken cancellationToken)
    {
        SupplyOptions o = options.Value;
        long settledBefore = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)o.ExportSettle.TotalMilliseconds;
        int delivered = 0;
        foreach ((OrderRow order, int lineCount, string? supplierUrl) in await queries.ExportableAsync(settledBefore, cancellationToken).ConfigureAwait(false))
        {
            Uri? target = Uri.TryCreate(supplierUrl, UriKind.Absolute, out Uri? u) ? u : o.ExportWebhookUrl;
            if (target is null)
            {
                continue;
            }

            if (await SendWithRetriesAsync(order, target, cancellationToken).ConfigureAwait(false))
            {
                await MarkExportedAsync(order, lineCount, target, cancellationToken).ConfigureAwait(false);
                delivered++;
            }
        }

        return delivered;
    }

    private async Task<bool> SendWithRetriesAsync(OrderRow order, Uri target, CancellationToken cancellationToken)
    {
        SupplyOptions o = options.Value;
        TimeSpan delay = o.ExportBackoff;
        for (int attempt = 1; attempt <= Math.Max(1, o.ExportMaxAttempts); attempt++)
        {
            string? error = await TrySendAsync(order, target, cancellationToken).ConfigureAwait(false);
            await CountAttemptAsync(order.Id, error, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                metrics.ExportSent();
                return true;
            }

            metrics.ExportFailed();
            LogAttemptFailed(logger, order.Id, target, attempt, error);
            if (attempt < o.ExportMaxAttempts)
            {
                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
            }
        }

        return false;
    }

    private async Task<string?> TrySendAsync(OrderRow order, Uri target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ExportTimeout);
        try
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync(target, order, s_json, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    private async Task CountAttemptAsync(long orderId, string? error, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE orders SET export_attempts = export_attempts + 1, export_error = @error WHERE id = @orderId",
                new { orderId, error },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private async Task MarkExportedAsync(OrderRow order, int lineCount, Uri target, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int marked = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE orders SET status = 'exported', exported_ms = @now WHERE id = @id AND status = 'open' AND line_count = @lineCount",
                    new { id = order.Id, lineCount, now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                string details = string.Create(CultureInfo.InvariantCulture, $"{order.Lines.Count} lines to {target.GetLeftPart(UriPartial.Path)}{(marked == 0 ? "; lines added meanwhile, sent again next round" : "")}");
                await audit.AppendAsync(connection, transaction, "system:export", "order.export", string.Create(CultureInfo.InvariantCulture, $"order/{order.Id}"), details, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export of order {OrderId} to {Target} failed (attempt {Attempt}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long orderId, Uri target, int attempt, string error);
}
