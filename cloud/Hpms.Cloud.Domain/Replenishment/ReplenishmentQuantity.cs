namespace Hpms.Cloud.Domain.Replenishment;

/// <summary>How much to order for a bin: what restores par, in whole packs.</summary>
public static class ReplenishmentQuantity
{
    /// <summary>
    /// Par − on hand − on order, rounded up to a whole number of packs; zero when nothing is needed
    /// (stock plus what is already on order reaches par).
    /// </summary>
    /// <param name="par">The quantity a replenishment restores.</param>
    /// <param name="onHand">Counted in the bin (negative counts are treated as zero).</param>
    /// <param name="onOrder">Already ordered and not yet received.</param>
    /// <param name="packSize">Units per pack (below 1 is treated as 1).</param>
    /// <returns>Units to order, a multiple of the pack size, or 0.</returns>
    public static int Compute(int par, int onHand, int onOrder, int packSize)
    {
        int pack = Math.Max(1, packSize);
        long needed = (long)par - Math.Max(0, onHand) - Math.Max(0, onOrder);
        if (needed <= 0)
        {
            return 0;
        }

        long packs = (needed + pack - 1) / pack;
        return (int)Math.Min(int.MaxValue / pack * (long)pack, packs * pack);
    }
}
