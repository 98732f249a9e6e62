using Hpms.Cloud.WorkOrders;

namespace Hpms.Cloud.Tests.WorkOrders;

public sealed class WorkOrderOptionsValidatorTests
{
    private readonly WorkOrderOptionsValidator _validator = new();

    [Fact]
    public void Defaults_AreValid() => Assert.True(_validator.Validate(null, new WorkOrderOptions()).Succeeded);

    [Theory]
    [InlineData(0, 0, 30, 90, "WorkOrders:DispatchInterval")]
    [InlineData(30, 15 * 60, 30, 90, "WorkOrders:SiteUtcOffset")]
    [InlineData(30, -15 * 60, 30, 90, "WorkOrders:SiteUtcOffset")]
    [InlineData(30, 0, 0, 90, "WorkOrders:EscalateAgainAfter")]
    [InlineData(30, 0, 30, 30, "WorkOrders:LeaseDuration")]
    public void Invalid_FailsNamingTheKey(int intervalSeconds, int offsetMinutes, int againMinutes, int leaseSeconds, string key)
    {
        var options = new WorkOrderOptions
        {
            DispatchInterval = TimeSpan.FromSeconds(intervalSeconds),
            SiteUtcOffset = TimeSpan.FromMinutes(offsetMinutes),
            EscalateAgainAfter = TimeSpan.FromMinutes(againMinutes),
            LeaseDuration = TimeSpan.FromSeconds(leaseSeconds),
        };

        Assert.Contains(key, _validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondsInTheOffset_Fail() =>
        Assert.True(_validator.Validate(null, new WorkOrderOptions { SiteUtcOffset = TimeSpan.FromSeconds(90) }).Failed);

    [Fact]
    public void IndiaOffset_IsValid() =>
        Assert.True(_validator.Validate(null, new WorkOrderOptions { SiteUtcOffset = new TimeSpan(5, 30, 0) }).Succeeded);
}
