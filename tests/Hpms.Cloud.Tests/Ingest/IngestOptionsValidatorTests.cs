using Hpms.Cloud.Ingest;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Tests.Ingest;

public sealed class IngestOptionsValidatorTests
{
    private readonly IngestOptionsValidator _validator = new();

    [Fact]
    public void Defaults_AreValid() => Assert.True(_validator.Validate(null, new IngestOptions()).Succeeded);

    [Fact]
    public void DefaultClientId_IsUniquePerProcess() => Assert.EndsWith("-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), new IngestOptions().ClientId, StringComparison.Ordinal);

    [Theory]
    [InlineData("Ingest:Host")]
    [InlineData("Ingest:Port")]
    [InlineData("Ingest:SharedGroup")]
    [InlineData("Ingest:PasswordEnv")]
    [InlineData("Ingest:SessionExpiry")]
    [InlineData("Ingest:MaxDeadLettersPerSecond")]
    [InlineData("Ingest:CaFile")]
    [InlineData("Ingest:MaxConcurrentMessages")]
    public void BadValue_FailsNamingTheKey(string key)
    {
        var o = new IngestOptions();
        switch (key)
        {
            case "Ingest:Host": o.Host = " "; break;
            case "Ingest:Port": o.Port = 0; break;
            case "Ingest:SharedGroup": o.SharedGroup = "a/b"; break;
            case "Ingest:PasswordEnv": o.PasswordEnv = "HPMS_TEST_UNSET_" + Guid.NewGuid().ToString("N"); break;
            case "Ingest:SessionExpiry": o.SessionExpiry = TimeSpan.Zero; break;
            case "Ingest:MaxDeadLettersPerSecond": o.MaxDeadLettersPerSecond = -1; break;
            case "Ingest:MaxConcurrentMessages": o.MaxConcurrentMessages = 0; break;
            default: o.CaFile = "/nonexistent/ca.pem"; o.UseTls = true; break;
        }

        ValidateOptionsResult result = _validator.Validate(null, o);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_SkipsTheChecks() => Assert.True(_validator.Validate(null, new IngestOptions { Enabled = false, Host = string.Empty }).Succeeded);
}
