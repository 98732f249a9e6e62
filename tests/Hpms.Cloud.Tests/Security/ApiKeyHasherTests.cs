using Hpms.Cloud.Security;

namespace Hpms.Cloud.Tests.Security;

public sealed class ApiKeyHasherTests
{
    [Fact]
    public void Hash_Abc_IsSha256Hex()
    {
        // FIPS 180-2 SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHasher.Hash("abc"));
    }

    [Fact]
    public void NewKey_TwoKeys_DifferPrefixedAndUrlSafe()
    {
        string a = ApiKeyHasher.NewKey();
        string b = ApiKeyHasher.NewKey();
        Assert.NotEqual(a, b);
        Assert.StartsWith(ApiKeyHasher.Prefix, a, StringComparison.Ordinal);
        Assert.Equal(ApiKeyHasher.Prefix.Length + 43, a.Length);
        Assert.DoesNotContain(a, c => c is '+' or '/' or '=');
    }

    [Fact]
    public void Hash_DifferentKeys_DifferentHashes()
    {
        Assert.NotEqual(ApiKeyHasher.Hash(ApiKeyHasher.NewKey()), ApiKeyHasher.Hash(ApiKeyHasher.NewKey()));
    }
}
