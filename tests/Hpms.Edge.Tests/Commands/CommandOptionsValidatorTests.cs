using Hpms.Edge.Commands;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Tests.Commands;

public sealed class CommandOptionsValidatorTests
{
    [Fact]
    public void Validate_EnabledWithoutKey_FailsNamingTheKey()
    {
        ValidateOptionsResult result = new CommandOptionsValidator().Validate(null, new CommandOptions { Enabled = true, KeyEnv = "HPMS_TEST_NO_SUCH_KEY_VARIABLE" });

        Assert.True(result.Failed);
        Assert.Contains("Commands:KeyEnv", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Disabled_Succeeds()
    {
        Assert.True(new CommandOptionsValidator().Validate(null, new CommandOptions { Enabled = false, KeyEnv = "HPMS_TEST_NO_SUCH_KEY_VARIABLE" }).Succeeded);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("c2hvcnQ=", false)]
    [InlineData("not base64!", false)]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)]
    public void FromBase64_NeedsThirtyTwoBytes(string? text, bool usable)
    {
        Assert.Equal(usable, CommandKey.FromBase64("K", text).IsUsable);
    }

    [Fact]
    public void Validate_ReplayWindowAboveOneDay_Fails()
    {
        ValidateOptionsResult result = new CommandOptionsValidator().Validate(null, new CommandOptions { Enabled = true, RequireSignature = false, KeyEnv = string.Empty, ReplayWindow = TimeSpan.FromDays(2) });

        Assert.Contains("Commands:ReplayWindow", result.FailureMessage, StringComparison.Ordinal);
    }
}
