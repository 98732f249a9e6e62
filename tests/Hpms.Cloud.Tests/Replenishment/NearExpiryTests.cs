using Hpms.Cloud.Domain.Replenishment;

namespace Hpms.Cloud.Tests.Replenishment;

public sealed class NearExpiryTests
{
    private const long Day = 86_400_000;
    private static readonly long s_now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(-2, true)] // already expired
    public void IsNear_WithinWindowOrExpired(int daysAhead, bool expected) =>
        Assert.Equal(expected, NearExpiry.IsNear(s_now + (daysAhead * Day), s_now, 30));

    [Fact]
    public void IsNear_UnknownExpiry_IsNever() => Assert.False(NearExpiry.IsNear(null, s_now, 30));

    [Fact]
    public void Select_KeepsNearLotsSoonestFirst()
    {
        StockLot[] lots = [new(1, "LATE", s_now + (90 * Day)), new(2, "SOON", s_now + (10 * Day)), new(3, "SOONER", s_now + Day), new(4, "NONE", null)];

        Assert.Equal(["SOONER", "SOON"], NearExpiry.Select(lots, s_now, 30).Select(l => l.Lot));
    }

    [Theory]
    [InlineData(20271231, 2027, 12, 31)]
    [InlineData(20280229, 2028, 2, 29)]
    public void FromYyyymmdd_Dates(double value, int y, int m, int d) =>
        Assert.Equal(new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), NearExpiry.FromYyyymmdd(value));

    [Theory]
    [InlineData(0)]
    [InlineData(20270231)]
    [InlineData(20271301)]
    [InlineData(2027123.5)]
    [InlineData(double.NaN)]
    public void FromYyyymmdd_NotADate_IsNull(double value) => Assert.Null(NearExpiry.FromYyyymmdd(value));
}
