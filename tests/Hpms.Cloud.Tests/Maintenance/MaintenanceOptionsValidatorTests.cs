using Hpms.Cloud.Domain.Maintenance;
using Hpms.Cloud.Maintenance;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class MaintenanceOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new MaintenanceOptionsValidator().Validate(null, new MaintenanceOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_EachNamedByItsKey()
    {
        var options = new MaintenanceOptions
        {
            Interval = TimeSpan.Zero,
            Bucket = TimeSpan.FromMilliseconds(1500),
            Influx = { Url = "ftp://x", Database = " " },
            Filter = { LeadTime = TimeSpan.Zero, Trust = { MinRSquared = 1.5 } },
            Vibration = { MachineClass = (VibrationMachineClass)42 },
            Service = { IntervalHours = 100, DueWithinHours = 200 },
            GasDrift = { MaxDriftKPaPerDay = 0 },
            Verification = { Readings = 0 },
        };

        ValidateOptionsResult r = new MaintenanceOptionsValidator().Validate(null, options);

        Assert.True(r.Failed);
        foreach (string key in new[]
        {
            "Maintenance:Interval", "Maintenance:Bucket", "Maintenance:Influx:Url", "Maintenance:Influx:Database", "Maintenance:Filter:LeadTime",
            "Maintenance:Filter:Trust:MinRSquared", "Maintenance:Vibration:MachineClass", "Maintenance:Service:DueWithinHours",
            "Maintenance:GasDrift:MaxDriftKPaPerDay", "Maintenance:Verification:Readings",
        })
        {
            Assert.Contains(r.Failures!, f => f.StartsWith(key, StringComparison.Ordinal));
        }
    }
}
