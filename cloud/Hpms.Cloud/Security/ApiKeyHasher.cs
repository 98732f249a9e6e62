using System.Security.Cryptography;
using System.Text;

namespace Hpms.Cloud.Security;

/// <summary>
/// API keys: 32 random bytes shown once as <c>hpms_&lt;base64url&gt;</c>, stored only as their SHA-256
/// (lower-case hex). A fast hash is enough because the key itself is high-entropy, and it lets the
/// handler find the key by its hash with one indexed lookup.
/// </summary>
public static class ApiKeyHasher
{
    /// <summary>Prefix of keys this service generates.</summary>
    public const string Prefix = "hpms_";

    /// <summary>A new random key.</summary>
    /// <returns>The key text (show it once).</returns>
    public static string NewKey() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a key.</summary>
    /// <param name="key">The key text.</param>
    /// <returns>SHA-256, lower-case hex.</returns>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
