using System.Security.Cryptography;
using Hpms.Cloud.Commands;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;

namespace Hpms.Cloud.Tests.Commands;

public sealed class CommandBuilderTests
{
    private static readonly byte[] s_key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTimeOffset s_now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Build_Unlock_SignatureVerifiesWithGatewayKey()
    {
        DeviceCommand command = Unlock();

        Assert.True(CommandSigner.Verify(command, s_key));
        Assert.False(CommandSigner.Verify(command, RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public void Build_Unlock_CarriesIssuerTimesAndArgs()
    {
        DeviceCommand command = Unlock();

        Assert.Equal("unlock", command.Name);
        Assert.Equal("cab-1", command.Device);
        Assert.Equal("eng@st-mary", command.Issuer);
        Assert.Equal(s_now.ToUnixTimeMilliseconds(), command.IssuedUnixMs);
        Assert.Equal(s_now.AddSeconds(60).ToUnixTimeMilliseconds(), command.ExpiresUnixMs);
        Assert.Equal("B-17", command.Args["badge"].Text);
        Assert.Equal(32, command.Nonce.Length);
    }

    [Fact]
    public void Build_Twice_FreshIdAndNonce()
    {
        DeviceCommand a = Unlock();
        DeviceCommand b = Unlock();
        Assert.NotEqual(a.Id, b.Id);
        Assert.NotEqual(a.Nonce, b.Nonce);
    }

    [Fact]
    public void Build_TamperedDevice_SignatureFails()
    {
        DeviceCommand command = Unlock() with { Device = "cab-2" };
        Assert.False(CommandSigner.Verify(command, s_key));
    }

    [Fact]
    public void Encode_ThenParse_AsTheGatewayDoes_StillVerifies()
    {
        DeviceCommand command = Unlock();

        PayloadParseResult<DeviceCommand> parsed = EnvelopeCodec.ParseCommand(EnvelopeCodec.Encode(command));

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.True(CommandSigner.Verify(parsed.Value, s_key));
    }

    [Fact]
    public void Build_LifetimeBeyondEnvelopeLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CommandBuilder.Build("lockdown", "cab-1", new Dictionary<string, CommandArgument>(), "a", s_now, EnvelopeCodec.MaxCommandLifetime + TimeSpan.FromSeconds(1), s_key));
    }

    private static DeviceCommand Unlock() => CommandBuilder.Build(
        "unlock", "cab-1", new Dictionary<string, CommandArgument> { ["badge"] = CommandArgument.Of("B-17") }, "eng@st-mary", s_now, TimeSpan.FromSeconds(60), s_key);
}
