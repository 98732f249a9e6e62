using System.Data.Common;
using Dapper;
using Hpms.Cloud.Domain.Replenishment;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Adds lines to the one open order of their group and closes lines, inside the caller's transaction.
/// The database decides: the open order per (kind, supplier, storeroom) and the open line per (cabinet,
/// item) are partial unique indexes, so concurrent instances cannot make two.
/// </summary>
public sealed class OrderBook(TimeProvider clock)
{
    private const int Attempts = 3;

    /// <summary>Adds a line unless one is open for the cabinet and item.</summary>
    /// <param name="group">The order it belongs to.</param>
    /// <param name="line">The line.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The caller's transaction.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new line's id, or null when one was open.</returns>
    public async Task<long?> AddLineAsync(OrderGroup group, NewOrderLine line, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(connection);

        // Cheap pre-check so a duplicate does not create an empty order; the unique index below is the rule.
        if (await IsOpenAsync(line.CabinetId, line.ItemId, connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long orderId = await ClaimOpenOrderAsync(group, now, connection, transaction, cancellationToken).ConfigureAwait(false);
        long? lineId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO order_lines (order_id, cabinet_id, bin, item_id, quantity, on_hand, par, on_order, pack_size, status, source_event_id,
                                     near_expiry, near_expiry_lots, unknown_item, created_ms)
            VALUES (@orderId, @CabinetId, @Bin, @ItemId, @Quantity, @OnHand, @Par, @OnOrder, @PackSize, 'open', @SourceEventId,
                    @nearExpiry, @NearExpiryLotsJson, @unknownItem, @now)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new
            {
                orderId,
                line.CabinetId,
                line.Bin,
                line.ItemId,
                line.Quantity,
                line.OnHand,
                line.Par,
                line.OnOrder,
                line.PackSize,
                line.SourceEventId,
                nearExpiry = line.NearExpiry ? 1 : 0,
                line.NearExpiryLotsJson,
                unknownItem = line.UnknownItem ? 1 : 0,
                now,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (lineId is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE orders SET line_count = line_count - 1 WHERE id = @orderId", new { orderId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return lineId;
    }

    /// <summary>Whether a line is open for a cabinet and item.</summary>
    /// <param name="cabinetId">Cabinet.</param>
    /// <param name="itemId">Item.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>True when one is open.</returns>
    public static async Task<bool> IsOpenAsync(string cabinetId, string itemId, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM order_lines WHERE cabinet_id = @cabinetId AND item_id = @itemId AND status = 'open'",
            new { cabinetId, itemId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    /// <summary>Closes the open lines of a cabinet bin (or of a cabinet and item when <paramref name="bin"/> is null).</summary>
    /// <param name="cabinetId">Cabinet or panel.</param>
    /// <param name="bin">Bin, or null to match by item.</param>
    /// <param name="itemId">Item (used when <paramref name="bin"/> is null).</param>
    /// <param name="reason">Why (<c>restocked</c>, <c>delivered</c>).</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Lines closed.</returns>
    public async Task<int> CloseAsync(string cabinetId, int? bin, string? itemId, string reason, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        string match = bin is null ? "item_id = @itemId" : "bin = @bin";
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE order_lines SET status = 'closed', closed_ms = @now, close_reason = @reason WHERE cabinet_id = @cabinetId AND {match} AND status = 'open'",
            new { cabinetId, bin, itemId, reason, now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // Finds or creates the group's open order and counts the line on it. Counting takes the order's row
    // lock, so an exporter marking it exported either waits for this line or has already finished, in which
    // case the update finds no open order and a new one is made.
    private static async Task<long> ClaimOpenOrderAsync(OrderGroup group, long now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO orders (kind, supplier_id, storeroom, status, created_ms) VALUES (@Kind, @SupplierId, @Storeroom, 'open', @now)
                ON CONFLICT (kind, supplier_id, storeroom) WHERE status = 'open' DO NOTHING
                """,
                new { group.Kind, group.SupplierId, group.Storeroom, now },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            long? claimed = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                UPDATE orders SET line_count = line_count + 1
                WHERE kind = @Kind AND supplier_id = @SupplierId AND storeroom = @Storeroom AND status = 'open'
                RETURNING id
                """,
                new { group.Kind, group.SupplierId, group.Storeroom },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (claimed is long id)
            {
                return id;
            }
        }

        throw new InvalidOperationException($"No open order for {group.Kind}/{group.SupplierId}/{group.Storeroom} after {Attempts} attempts.");
    }
}
