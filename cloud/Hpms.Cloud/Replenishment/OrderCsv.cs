using System.Globalization;
using System.Text;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Orders as CSV for the hospital's ERP: RFC 4180 (CRLF line ends, fields with commas, quotes or line
/// breaks quoted, quotes doubled), invariant culture, one row per line with its order's columns.
/// </summary>
public static class OrderCsv
{
    /// <summary>The header row's fields.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "order_id", "kind", "supplier_id", "storeroom", "order_status", "order_created_ms", "line_id", "cabinet_id", "bin", "item_id",
        "quantity", "pack_size", "on_hand", "par", "on_order", "line_status", "near_expiry", "unknown_item", "source_event_id",
    ];

    /// <summary>Writes the orders.</summary>
    /// <param name="orders">Orders with lines.</param>
    /// <returns>The CSV text.</returns>
    public static string Write(IEnumerable<OrderRow> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (OrderRow o in orders)
        {
            foreach (OrderLineRow l in o.Lines)
            {
                Row(csv,
                [
                    Num(o.Id), o.Kind, o.SupplierId, o.Storeroom, o.Status, Num(o.CreatedMs), Num(l.Id), l.CabinetId, l.Bin is int b ? Num(b) : "", l.ItemId,
                    Num(l.Quantity), Num(l.PackSize), Num(l.OnHand), Num(l.Par), Num(l.OnOrder), l.Status, l.NearExpiry ? "1" : "0", l.UnknownItem ? "1" : "0", l.SourceEventId,
                ]);
            }
        }

        return csv.ToString();
    }

    /// <summary>One field, quoted when RFC 4180 requires it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The field.</returns>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Field(fields[i]));
        }

        csv.Append("\r\n");
    }
}
