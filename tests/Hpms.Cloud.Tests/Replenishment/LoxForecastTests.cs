using Hpms.Cloud.Domain.Replenishment;

namespace Hpms.Cloud.Tests.Replenishment;

public sealed class LoxForecastTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void DaysToEmpty_TenPercentADayFromFifty_IsFiveDays() =>
        Assert.Equal(5, LoxForecast.DaysToEmpty(60, 0, 50, Day)!.Value, 6);

    [Theory]
    [InlineData(50, 50)]
    [InlineData(40, 50)]
    public void DaysToEmpty_FlatOrRising_IsNull(double earlier, double later) => Assert.Null(LoxForecast.DaysToEmpty(earlier, 0, later, Day));

    [Fact]
    public void DaysToEmpty_SameTime_IsNull() => Assert.Null(LoxForecast.DaysToEmpty(60, Day, 50, Day));

    [Theory]
    [InlineData(1.5, 2, true)]
    [InlineData(2.5, 2, false)]
    [InlineData(null, 2, false)]
    public void DeliveryDue_WhenEmptyBeforeDelivery(double? days, double leadTime, bool expected) =>
        Assert.Equal(expected, LoxForecast.DeliveryDue(days, leadTime));
}
