using System.Security.Cryptography;
using System.Text;
using Hpms.Protocols.Envelopes;

namespace Hpms.Protocols.Tests.Envelopes;

/// <summary>HMAC-SHA256 over the canonical form: stable, sensitive to every signed field, constant-time verified.</summary>
public sealed class CommandSignerTests
{
    private static readonly byte[] s_key = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");

    [Fact]
    public void CanonicalBytes_SampleCommand_MatchesDocumentedForm()
    {
        string canonical = Encoding.UTF8.GetString(CommandSigner.CanonicalBytes(EnvelopeCodecTests.SampleCommand));
        Assert.Equal(
            "hpms-cmd/1\n5:cmd-1\n8:setpoint\n9:fridge-07\n13:1700000000000\n13:1700000060000\n6:n-8f3a\n13:alice@st-mary\n1:2\n"
            + "6:reason\n1:s\n10:audit \"42\"\n5:value\n1:n\n1:4\n",
            canonical);
    }

    [Fact]
    public void Sign_SampleCommand_IsHmacSha256OfCanonicalBytes()
    {
        byte[] expected = HMACSHA256.HashData(s_key, CommandSigner.CanonicalBytes(EnvelopeCodecTests.SampleCommand));
        Assert.Equal(Convert.ToBase64String(expected), CommandSigner.Sign(EnvelopeCodecTests.SampleCommand, s_key));
    }

    [Fact]
    public void Verify_SignedThenEncodedAndParsed_Accepted()
    {
        DeviceCommand signed = CommandSigner.WithSignature(EnvelopeCodecTests.SampleCommand, s_key);
        DeviceCommand parsed = EnvelopeCodec.ParseCommand(EnvelopeCodec.Encode(signed)).Value!;
        Assert.True(CommandSigner.Verify(parsed, s_key));
    }

    public static TheoryData<string> Tampered => ["device", "expires", "nonce", "arg", "argType", "key", "unsigned", "garbage"];

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Verify_TamperedOrUnsigned_Refused(string what)
    {
        DeviceCommand signed = CommandSigner.WithSignature(EnvelopeCodecTests.SampleCommand, s_key);
        byte[] key = s_key;
        DeviceCommand tampered = what switch
        {
            "device" => signed with { Device = "fridge-08" },
            "expires" => signed with { ExpiresUnixMs = signed.ExpiresUnixMs + 1 },
            "nonce" => signed with { Nonce = "n-8f3b" },
            "arg" => signed with { Args = new Dictionary<string, CommandArgument> { ["value"] = CommandArgument.Of(9.0), ["reason"] = CommandArgument.Of("audit \"42\"") } },
            "argType" => signed with { Args = new Dictionary<string, CommandArgument> { ["value"] = CommandArgument.Of("4"), ["reason"] = CommandArgument.Of("audit \"42\"") } },
            "unsigned" => signed with { Signature = null },
            "garbage" => signed with { Signature = "not base64!" },
            _ => signed,
        };
        if (what == "key")
        {
            key = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdeX");
        }

        Assert.False(CommandSigner.Verify(tampered, key));
    }

    [Fact]
    public void Sign_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => CommandSigner.Sign(EnvelopeCodecTests.SampleCommand, new byte[16]));
    }
}
