using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class ServiceIntervalCheckTests
{
    private static readonly ServicePolicy s_policy = new() { IntervalHours = 4000, DueWithinHours = 168 };

    [Theory]
    [InlineData(3832, "run-hours:4000")]
    [InlineData(3900, "run-hours:4000")]
    [InlineData(4000, "run-hours:4000")]
    [InlineData(11_999.5, "run-hours:12000")]
    public void Assess_WithinTheMarginOfAMultiple_FindingNamesTheMultiple(double hours, string reference)
    {
        MaintenanceFinding? f = ServiceIntervalCheck.Assess(hours, s_policy);

        Assert.Equal((MaintenanceCauses.ServiceInterval, "P4", reference), (f?.Cause, f?.Priority, f?.Reference));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3831)]
    [InlineData(4001)]
    [InlineData(double.NaN)]
    [InlineData(-5)]
    public void Assess_FarFromTheNextMultipleOrBadInput_Nothing(double hours) =>
        Assert.Null(ServiceIntervalCheck.Assess(hours, s_policy));

    [Fact]
    public void Assess_NoReading_Nothing() => Assert.Null(ServiceIntervalCheck.Assess(null, s_policy));

    [Fact]
    public void Assess_Description_HasHoursDueAndLeft()
    {
        Assert.Equal(
            "Fan run hours 3900 h; service due at 4000 h (interval 4000 h), 100 h left.",
            ServiceIntervalCheck.Assess(3900, s_policy)!.Description);
    }
}
