using System.Globalization;
using Microsoft.IdentityModel.Tokens;

namespace Hpms.Cloud.Security;

/// <summary>The HS256 key tokens are signed and checked with, read once from the file or variable the options name.</summary>
public sealed class JwtSigningKey
{
    /// <summary>Shortest key accepted: HS256 wants at least the hash length (RFC 7518 §3.2).</summary>
    public const int MinBytes = 32;

    private JwtSigningKey(SymmetricSecurityKey key) => Key = key;

    /// <summary>Gets the key.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>Reads the key the options name.</summary>
    /// <param name="options">Auth options.</param>
    /// <param name="error">Why there is no usable key (never the key's text).</param>
    /// <returns>The key, or null.</returns>
    public static JwtSigningKey? TryLoad(AuthOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        string where = SecretSource.Describe(options.JwtKeyEnv, options.JwtKeyFile);
        string? text = SecretSource.Read(options.JwtKeyEnv, options.JwtKeyFile);
        if (text is null)
        {
            error = $"no JWT signing key in {where}";
            return null;
        }

        byte[] bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out int length))
        {
            error = $"the JWT signing key in {where} is not base64";
            return null;
        }

        if (length < MinBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the JWT signing key in {where} has {length} bytes; at least {MinBytes} are needed");
            return null;
        }

        error = null;
        return new JwtSigningKey(new SymmetricSecurityKey(bytes.AsSpan(0, length).ToArray()) { KeyId = "hpms-hs256" });
    }

    /// <summary>Reads the key the options name or throws (start-up).</summary>
    /// <param name="options">Auth options.</param>
    /// <returns>The key.</returns>
    public static JwtSigningKey Load(AuthOptions options) =>
        TryLoad(options, out string? error) ?? throw new InvalidOperationException(error);
}
