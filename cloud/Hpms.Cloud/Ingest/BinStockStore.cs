using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Upserts <c>bin_stock</c> from cabinet telemetry, only for bins whose stock changed since this instance last
/// wrote them (a cabinet repeats its bins every poll). A newer row in the table is never overwritten by an
/// older reading (another instance may have written it).
/// </summary>
public sealed class BinStockStore(CloudDatabase database, IngestCounters counters)
{
    private readonly ConcurrentDictionary<(string Cabinet, int Bin), BinStock> _written = new();

    /// <summary>Writes the bins that changed.</summary>
    /// <param name="cabinetId">Cabinet device id.</param>
    /// <param name="bins">Bins from <see cref="BinStockMapper.Map"/>.</param>
    /// <param name="readUnixMs">When they were read.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Rows written.</returns>
    public async Task<int> WriteAsync(string cabinetId, IReadOnlyList<BinStock> bins, long readUnixMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bins);
        List<BinStock> changed = [];
        foreach (BinStock bin in bins)
        {
            BinStock merged = bin.Over(_written.GetValueOrDefault((cabinetId, bin.Bin)));
            if (_written.GetValueOrDefault((cabinetId, bin.Bin)) != merged)
            {
                changed.Add(merged);
            }
        }

        if (changed.Count == 0)
        {
            return 0;
        }

        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (BinStock b in changed)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO bin_stock (cabinet_id, bin, item_id, on_hand, par, reorder_point, lot, expiry_ms, updated_ms)
                        VALUES (@cabinet, @bin, @item, @onHand, @par, @reorder, @lot, @expiry, @updated)
                        ON CONFLICT (cabinet_id, bin) DO UPDATE SET
                            item_id = COALESCE(excluded.item_id, bin_stock.item_id),
                            on_hand = excluded.on_hand,
                            par = COALESCE(excluded.par, bin_stock.par),
                            reorder_point = COALESCE(excluded.reorder_point, bin_stock.reorder_point),
                            lot = COALESCE(excluded.lot, bin_stock.lot),
                            expiry_ms = COALESCE(excluded.expiry_ms, bin_stock.expiry_ms),
                            updated_ms = excluded.updated_ms
                        WHERE bin_stock.updated_ms <= excluded.updated_ms
                        """,
                        new { cabinet = cabinetId, bin = b.Bin, item = b.ItemId, onHand = b.OnHand, par = b.Par, reorder = b.ReorderPoint, lot = b.Lot, expiry = b.ExpiryUnixMs, updated = readUnixMs },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (BinStock b in changed)
        {
            _written[(cabinetId, b.Bin)] = b;
        }

        counters.BinStockWritten(changed.Count);
        return changed.Count;
    }
}
