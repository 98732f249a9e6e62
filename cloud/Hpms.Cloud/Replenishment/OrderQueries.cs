using System.Data.Common;
using Dapper;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.Replenishment;

/// <summary>Reads orders with their lines for the API, the CSV export and the webhook.</summary>
public sealed class OrderQueries(CloudDatabase database)
{
    private const string OrderColumns =
        "id AS Id, kind AS Kind, supplier_id AS SupplierId, storeroom AS Storeroom, status AS Status, created_ms AS CreatedMs, exported_ms AS ExportedMs";

    private const string LineColumns =
        "id AS Id, order_id AS OrderId, cabinet_id AS CabinetId, bin AS Bin, item_id AS ItemId, quantity AS Quantity, on_hand AS OnHand, par AS Par, " +
        "on_order AS OnOrder, pack_size AS PackSize, status AS Status, near_expiry AS NearExpiry, near_expiry_lots AS NearExpiryLots, " +
        "unknown_item AS UnknownItem, source_event_id AS SourceEventId, created_ms AS CreatedMs, closed_ms AS ClosedMs, close_reason AS CloseReason";

    /// <summary>Orders, newest first, with their lines.</summary>
    /// <param name="status">Only this status, if given.</param>
    /// <param name="limit">At most this many (1–1000).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The orders.</returns>
    public async Task<IReadOnlyList<OrderRow>> ListAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            List<OrderRow> orders = (await connection.QueryAsync<OrderRow>(new CommandDefinition(
                $"SELECT {OrderColumns} FROM orders WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit",
                new { status, limit = Math.Clamp(limit, 1, 1000) },
                cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            return await WithLinesAsync(orders, connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One order with its lines.</summary>
    /// <param name="id">Order id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The order or null.</returns>
    public async Task<OrderRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            OrderRow? order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
                $"SELECT {OrderColumns} FROM orders WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return order is null ? null : (await WithLinesAsync([order], connection, cancellationToken).ConfigureAwait(false))[0];
        }
    }

    /// <summary>Open orders old enough to export, with their line count as claimed.</summary>
    /// <param name="createdBeforeMs">Only orders opened before this.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Orders with the line count to confirm on marking.</returns>
    public async Task<IReadOnlyList<(OrderRow Order, int LineCount, string? WebhookUrl)>> ExportableAsync(long createdBeforeMs, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var heads = (await connection.QueryAsync<(long Id, long LineCount, string? WebhookUrl)>(new CommandDefinition(
                """
                SELECT o.id, CAST(o.line_count AS BIGINT), s.webhook_url FROM orders o LEFT JOIN suppliers s ON s.id = o.supplier_id
                WHERE o.status = 'open' AND o.line_count > 0 AND o.created_ms <= @createdBeforeMs ORDER BY o.id
                """,
                new { createdBeforeMs },
                cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            var result = new List<(OrderRow, int, string?)>(heads.Count);
            foreach ((long id, long count, string? url) in heads)
            {
                OrderRow? order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
                    $"SELECT {OrderColumns} FROM orders WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (order is not null)
                {
                    result.Add(((await WithLinesAsync([order], connection, cancellationToken).ConfigureAwait(false))[0], (int)count, url));
                }
            }

            return result;
        }
    }

    private static async Task<IReadOnlyList<OrderRow>> WithLinesAsync(List<OrderRow> orders, DbConnection connection, CancellationToken cancellationToken)
    {
        if (orders.Count == 0)
        {
            return orders;
        }

        long[] ids = orders.Select(o => o.Id).ToArray();
        var lines = new List<OrderLineRow>();
        foreach (long id in ids)
        {
            lines.AddRange(await connection.QueryAsync<OrderLineRow>(new CommandDefinition(
                $"SELECT {LineColumns} FROM order_lines WHERE order_id = @id ORDER BY id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false));
        }

        ILookup<long, OrderLineRow> byOrder = lines.ToLookup(l => l.OrderId);
        return orders.Select(o => o with { Lines = byOrder[o.Id].ToList() }).ToList();
    }
}
