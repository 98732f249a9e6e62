using System.Data.Common;
using Hpms.Cloud.Domain.Replenishment;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Raises a gas delivery line (kind <c>gas</c>): one open per panel and gas item (<c>O2-LOX</c>,
/// <c>O2-CYLINDER-BANK</c>, …) while one is open, on the open gas order of the item's supplier (the
/// catalogue's, else <see cref="SupplyOptions.GasSupplierId"/>).
/// </summary>
public sealed class GasDelivery(OrderBook orders, SupplyMetrics metrics, IOptions<SupplyOptions> options)
{
    /// <summary>The LOX tank fill item.</summary>
    public const string LoxItem = "O2-LOX";

    /// <summary>The register-map device class of gas panels.</summary>
    public const string PanelClass = "medical-gas-panel";

    /// <summary>The cylinder bank item of a gas (<c>o2</c> → <c>O2-CYLINDER-BANK</c>).</summary>
    /// <param name="gas">Gas prefix of the channel.</param>
    /// <returns>The item id.</returns>
    public static string BankItem(string gas) => gas.ToUpperInvariant() + "-CYLINDER-BANK";

    /// <summary>Raises the line unless one is open for the panel and item.</summary>
    /// <param name="panelId">Gas panel.</param>
    /// <param name="zone">The panel's zone (storeroom fallback).</param>
    /// <param name="itemId">Gas item.</param>
    /// <param name="onHand">What the panel shows (LOX level %, or 0 for an empty bank).</param>
    /// <param name="sourceId">What raised it (event id or forecast id).</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The caller's transaction.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new line id or null.</returns>
    public async Task<long?> RaiseAsync(string panelId, string zone, string itemId, int onHand, string sourceId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (await OrderBook.IsOpenAsync(panelId, itemId, connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            metrics.DuplicateSuppressed();
            return null;
        }

        CatalogItem? item = await SupplyCatalog.ItemAsync(itemId, connection, transaction, cancellationToken).ConfigureAwait(false);
        string? storeroom = await SupplyCatalog.StoreroomAsync(panelId, connection, transaction, cancellationToken).ConfigureAwait(false);
        int packSize = item?.PackSize ?? 1;
        OrderGroup group = OrderGroup.For(OrderKinds.Gas, item?.SupplierId ?? options.Value.GasSupplierId, storeroom, zone);
        int par = itemId == LoxItem ? 100 : 1;
        var line = new NewOrderLine(panelId, null, itemId, packSize, onHand, par, 0, packSize, sourceId, false, null, item is null);
        long? id = await orders.AddLineAsync(group, line, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            metrics.DuplicateSuppressed();
        }
        else
        {
            metrics.GasLineOpened();
        }

        return id;
    }

    /// <summary>The delivery lead time for an item's supplier.</summary>
    /// <param name="itemId">Gas item.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Days.</returns>
    public async Task<double> LeadTimeDaysAsync(string itemId, DbConnection connection, CancellationToken cancellationToken)
    {
        CatalogItem? item = await SupplyCatalog.ItemAsync(itemId, connection, null, cancellationToken).ConfigureAwait(false);
        double? days = await SupplyCatalog.LeadTimeDaysAsync(item?.SupplierId ?? options.Value.GasSupplierId, connection, null, cancellationToken).ConfigureAwait(false);
        return days ?? options.Value.GasLeadTimeDays;
    }
}
