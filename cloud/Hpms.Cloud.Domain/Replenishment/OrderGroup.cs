namespace Hpms.Cloud.Domain.Replenishment;

/// <summary>
/// The open order a line belongs to: one per kind, supplier and storeroom, so a supplier gets one order
/// per delivery point however many bins run low.
/// </summary>
/// <param name="Kind"><see cref="OrderKinds.Replenishment"/> or <see cref="OrderKinds.Gas"/>.</param>
/// <param name="SupplierId">Who supplies it.</param>
/// <param name="Storeroom">Where it is delivered.</param>
public sealed record OrderGroup(string Kind, string SupplierId, string Storeroom)
{
    /// <summary>The group of a line: the device's storeroom when it has one, else its zone.</summary>
    /// <param name="kind">Order kind.</param>
    /// <param name="supplierId">Supplier.</param>
    /// <param name="storeroom">The device's storeroom, if registered.</param>
    /// <param name="zone">The device's zone (from its tags).</param>
    /// <returns>The group.</returns>
    public static OrderGroup For(string kind, string supplierId, string? storeroom, string zone) =>
        new(kind, supplierId, string.IsNullOrWhiteSpace(storeroom) ? zone : storeroom.Trim());
}
