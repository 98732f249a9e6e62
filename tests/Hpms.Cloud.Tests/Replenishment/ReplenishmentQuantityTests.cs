using Hpms.Cloud.Domain.Replenishment;

namespace Hpms.Cloud.Tests.Replenishment;

public sealed class ReplenishmentQuantityTests
{
    [Theory]
    [InlineData(20, 3, 0, 1, 17)]
    [InlineData(20, 3, 0, 5, 20)]   // 17 → 4 packs of 5
    [InlineData(20, 5, 0, 5, 15)]   // exact multiple stays
    [InlineData(20, 3, 10, 5, 10)]  // 7 → 2 packs
    [InlineData(20, 3, 17, 5, 0)]   // on order covers it
    [InlineData(20, 3, 30, 5, 0)]   // more than covers it
    [InlineData(20, 25, 0, 5, 0)]   // over par
    [InlineData(20, -4, 0, 1, 20)]  // a negative count is nothing on hand
    [InlineData(20, 3, 0, 0, 17)]   // pack size below 1 is 1
    [InlineData(1, 0, 0, 100, 100)] // one unit needed, one whole pack
    public void Compute_RoundsUpToPacks(int par, int onHand, int onOrder, int pack, int expected) =>
        Assert.Equal(expected, ReplenishmentQuantity.Compute(par, onHand, onOrder, pack));

    [Fact]
    public void Compute_HugeParDoesNotOverflow() => Assert.True(ReplenishmentQuantity.Compute(int.MaxValue, 0, 0, 7) > 0);
}
