using System.Data.Common;
using System.Globalization;
using Dapper;
using Hpms.Cloud.Domain.Replenishment;
using Hpms.Cloud.Telemetry;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Reads what replenishment decisions need (bins, items, storerooms, lots) inside the caller's
/// transaction, falling back to the cabinet's own registers in <see cref="LatestTelemetry"/> (channels
/// <c>binNN.item-code</c>, <c>binNN.par</c>, <c>binNN.reorder-point</c>, <c>binNN.count</c> of the
/// smart-supply-cabinet map) for bins the store has no row for.
/// </summary>
public sealed class SupplyCatalog(LatestTelemetry latest)
{
    /// <summary>The channel of a bin (<c>bin03.count</c>).</summary>
    /// <param name="bin">Bin number.</param>
    /// <param name="suffix">Channel suffix (<c>count</c>, <c>par</c>, <c>reorder-point</c>, <c>item-code</c>).</param>
    /// <returns>The channel name.</returns>
    public static string BinChannel(int bin, string suffix) => string.Create(CultureInfo.InvariantCulture, $"bin{bin:00}.{suffix}");

    /// <summary>The bin's plan and stock.</summary>
    /// <param name="cabinetId">Cabinet.</param>
    /// <param name="bin">Bin.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>What is known (fields null when unknown).</returns>
    public async Task<BinRecord> BinAsync(string cabinetId, int bin, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        BinRecord? row = await connection.QuerySingleOrDefaultAsync<BinRecord>(new CommandDefinition(
            """
            SELECT COALESCE(p.item_id, s.item_id) AS ItemId, COALESCE(p.par, s.par) AS Par,
                   COALESCE(p.reorder_point, s.reorder_point) AS ReorderPoint, s.on_hand AS OnHand
            FROM (SELECT @cabinetId AS cabinet_id, @bin AS bin) k
            LEFT JOIN par_levels p ON p.cabinet_id = k.cabinet_id AND p.bin = k.bin
            LEFT JOIN bin_stock s ON s.cabinet_id = k.cabinet_id AND s.bin = k.bin
            """,
            new { cabinetId, bin },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        row ??= new BinRecord();
        return row with
        {
            ItemId = row.ItemId ?? ItemCode(cabinetId, bin),
            Par = row.Par ?? Reading(cabinetId, bin, "par"),
            ReorderPoint = row.ReorderPoint ?? Reading(cabinetId, bin, "reorder-point"),
            OnHand = row.OnHand ?? Reading(cabinetId, bin, "count"),
        };
    }

    /// <summary>A catalogue item, or null when the catalogue does not know it.</summary>
    /// <param name="itemId">Item id.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The item or null.</returns>
    public static Task<CatalogItem?> ItemAsync(string itemId, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<CatalogItem>(new CommandDefinition(
            "SELECT id AS Id, supplier_id AS SupplierId, pack_size AS PackSize, near_expiry_days AS NearExpiryDays FROM items WHERE id = @itemId",
            new { itemId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>A supplier's delivery lead time in days, or null when the supplier is not registered.</summary>
    /// <param name="supplierId">Supplier.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Days or null.</returns>
    public static Task<double?> LeadTimeDaysAsync(string supplierId, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<double?>(new CommandDefinition(
            "SELECT lead_time_days FROM suppliers WHERE id = @supplierId", new { supplierId }, transaction, cancellationToken: cancellationToken));

    /// <summary>The registered storeroom of a device, or null.</summary>
    /// <param name="deviceId">Device.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The storeroom or null.</returns>
    public static Task<string?> StoreroomAsync(string deviceId, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT storeroom FROM devices WHERE id = @deviceId", new { deviceId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Units of an item on open lines for a cabinet.</summary>
    /// <param name="cabinetId">Cabinet.</param>
    /// <param name="itemId">Item.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Units on order.</returns>
    public static Task<int> OnOrderAsync(string cabinetId, string itemId, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(SUM(quantity), 0) FROM order_lines WHERE cabinet_id = @cabinetId AND item_id = @itemId AND status = 'open'",
            new { cabinetId, itemId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The lots a device holds, from <c>bin_stock</c> (all bins, or those of one item).</summary>
    /// <param name="deviceId">Cabinet or fridge.</param>
    /// <param name="itemId">Only this item, if given.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">Transaction, if any.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The lots.</returns>
    public static async Task<IReadOnlyList<StockLot>> LotsAsync(string deviceId, string? itemId, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        IEnumerable<(long Bin, string Lot, long? Expiry)> rows = await connection.QueryAsync<(long, string, long?)>(new CommandDefinition(
            """
            SELECT CAST(bin AS BIGINT), lot, expiry_ms FROM bin_stock
            WHERE cabinet_id = @deviceId AND lot IS NOT NULL AND lot <> '' AND (@itemId IS NULL OR item_id = @itemId)
            ORDER BY bin
            """,
            new { deviceId, itemId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StockLot((int)r.Bin, r.Lot, r.Expiry)).ToList();
    }

    private int? Reading(string cabinetId, int bin, string suffix) =>
        latest.TryGet(cabinetId, BinChannel(bin, suffix), out TelemetryPoint p) && p.Value >= 0 && p.Value <= int.MaxValue ? (int)p.Value : null;

    private string? ItemCode(string cabinetId, int bin) =>
        latest.TryGet(cabinetId, BinChannel(bin, "item-code"), out TelemetryPoint p) && p.Value > 0
            ? ((long)p.Value).ToString(CultureInfo.InvariantCulture)
            : null;
}
