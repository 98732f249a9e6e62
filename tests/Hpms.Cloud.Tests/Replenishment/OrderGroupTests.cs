using Hpms.Cloud.Domain.Replenishment;

namespace Hpms.Cloud.Tests.Replenishment;

public sealed class OrderGroupTests
{
    [Fact]
    public void For_RegisteredStoreroom_GroupsByIt() =>
        Assert.Equal(new OrderGroup("replenishment", "s1", "main-store"), OrderGroup.For(OrderKinds.Replenishment, "s1", " main-store ", "icu"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void For_NoStoreroom_FallsBackToZone(string? storeroom) =>
        Assert.Equal("icu", OrderGroup.For(OrderKinds.Replenishment, "s1", storeroom, "icu").Storeroom);

    [Fact]
    public void For_TwoBinsOfOneSupplierAndStoreroom_AreOneGroup_OtherSupplierIsAnother()
    {
        OrderGroup a = OrderGroup.For(OrderKinds.Replenishment, "s1", null, "icu");
        OrderGroup b = OrderGroup.For(OrderKinds.Replenishment, "s1", null, "icu");
        OrderGroup c = OrderGroup.For(OrderKinds.Replenishment, "s2", null, "icu");
        OrderGroup gas = OrderGroup.For(OrderKinds.Gas, "s1", null, "icu");

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, gas);
    }
}
