using Hpms.Cloud.Security;

namespace Hpms.Cloud.Tests.Security;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_SamePassword_True()
    {
        string stored = PasswordHasher.Hash("correct horse battery", 1_000);
        Assert.True(PasswordHasher.Verify("correct horse battery", stored));
    }

    [Fact]
    public void Verify_WrongPassword_False()
    {
        string stored = PasswordHasher.Hash("correct horse battery", 1_000);
        Assert.False(PasswordHasher.Verify("correct horse batterY", stored));
    }

    [Fact]
    public void Hash_SamePasswordTwice_DifferentSaltsAndHashes()
    {
        Assert.NotEqual(PasswordHasher.Hash("pw", 1_000), PasswordHasher.Hash("pw", 1_000));
    }

    [Fact]
    public void Hash_Format_NamesSchemeAndIterations()
    {
        string[] parts = PasswordHasher.Hash("pw", 1_234).Split('$');
        Assert.Equal(["pbkdf2-sha256", "1234"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void Verify_KnownPbkdf2Vector_True()
    {
        // RFC 7914 §11 PBKDF2-HMAC-SHA256 test vector: P="passwd", S="salt", c=1, dkLen=64.
        string salt = Convert.ToBase64String("salt"u8);
        string hash = Convert.ToBase64String(Convert.FromHexString(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"));
        Assert.True(PasswordHasher.Verify("passwd", $"pbkdf2-sha256$1${salt}${hash}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    [InlineData("bcrypt$1000$c2FsdA==$AAAA")]
    [InlineData("pbkdf2-sha256$1000$c2FsdA==$")]
    public void Verify_MalformedHash_FalseWithoutThrowing(string stored)
    {
        Assert.False(PasswordHasher.Verify("pw", stored));
    }
}
