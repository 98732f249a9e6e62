using Hpms.Cloud.Replenishment;

namespace Hpms.Cloud.Tests.Replenishment;

public sealed class OrderCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Field_QuotesOnlyWhenNeeded(string value, string expected) => Assert.Equal(expected, OrderCsv.Field(value));

    [Fact]
    public void Write_HeaderAndOneRowPerLine_CrlfEnded()
    {
        var order = new OrderRow
        {
            Id = 7, Kind = "replenishment", SupplierId = "Acme, Ltd", Storeroom = "main", Status = "open", CreatedMs = 1000,
            Lines =
            [
                new OrderLineRow { Id = 1, OrderId = 7, CabinetId = "cab-1", Bin = 3, ItemId = "100234", Quantity = 20, PackSize = 5, OnHand = 2, Par = 20, Status = "open", SourceEventId = "e1", NearExpiry = true },
                new OrderLineRow { Id = 2, OrderId = 7, CabinetId = "cab-1", Bin = null, ItemId = "X", Quantity = 1, PackSize = 1, Status = "closed", SourceEventId = "e2", UnknownItem = true },
            ],
        };

        string[] rows = OrderCsv.Write([order]).Split("\r\n");

        Assert.Equal(4, rows.Length);
        Assert.Equal(string.Join(',', OrderCsv.Header), rows[0]);
        Assert.Equal("7,replenishment,\"Acme, Ltd\",main,open,1000,1,cab-1,3,100234,20,5,2,20,0,open,1,0,e1", rows[1]);
        Assert.Equal("7,replenishment,\"Acme, Ltd\",main,open,1000,2,cab-1,,X,1,1,0,0,0,closed,0,1,e2", rows[2]);
        Assert.Equal("", rows[3]);
    }
}
