using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hpms.Protocols.Envelopes;

/// <summary>
/// Signs commands with HMAC-SHA256 over a canonical form and checks signatures in constant time. Keys
/// are shared per gateway; the device id, expiry and nonce are signed, so a captured command cannot be
/// redirected, prolonged or replayed past the gateway's nonce memory.
/// </summary>
/// <remarks>
/// Canonical form (UTF-8): <c>hpms-cmd/1\n</c>, then each of id, name, device, issued ms, expires ms,
/// nonce, issuer, argument count and, per argument in ordinal key order, key, type (<c>n</c> or
/// <c>s</c>) and value (numbers in shortest round-trip form) as <c>&lt;byte length&gt;:&lt;bytes&gt;\n</c>.
/// Length prefixes make it unambiguous whatever the strings hold; JSON formatting plays no part.
/// </remarks>
public static class CommandSigner
{
    /// <summary>Shortest key accepted (the HMAC block size RFC 2104 recommends at least the hash length).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The bytes a signature covers.</summary>
    /// <param name="command">The command (its <see cref="DeviceCommand.Signature"/> is ignored).</param>
    /// <returns>Canonical bytes.</returns>
    public static byte[] CanonicalBytes(DeviceCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var buffer = new ArrayBufferWriter<byte>(256);
        Append(buffer, "hpms-cmd/1\n"u8);
        Field(buffer, command.Id);
        Field(buffer, command.Name);
        Field(buffer, command.Device);
        Field(buffer, command.IssuedUnixMs.ToString(CultureInfo.InvariantCulture));
        Field(buffer, command.ExpiresUnixMs.ToString(CultureInfo.InvariantCulture));
        Field(buffer, command.Nonce);
        Field(buffer, command.Issuer);
        Field(buffer, command.Args.Count.ToString(CultureInfo.InvariantCulture));
        foreach (KeyValuePair<string, CommandArgument> arg in command.Args.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Field(buffer, arg.Key);
            Field(buffer, arg.Value.IsText ? "s" : "n");
            Field(buffer, arg.Value.ToString());
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The base64 HMAC-SHA256 signature of a command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="key">Shared key, at least <see cref="MinKeyBytes"/> bytes.</param>
    /// <returns>Base64 signature.</returns>
    public static string Sign(DeviceCommand command, ReadOnlySpan<byte> key)
    {
        CheckKey(key);
        return Convert.ToBase64String(HMACSHA256.HashData(key, CanonicalBytes(command)));
    }

    /// <summary>The command with its signature set.</summary>
    /// <param name="command">The command.</param>
    /// <param name="key">Shared key, at least <see cref="MinKeyBytes"/> bytes.</param>
    /// <returns>A signed copy.</returns>
    public static DeviceCommand WithSignature(DeviceCommand command, ReadOnlySpan<byte> key) => command with { Signature = Sign(command, key) };

    /// <summary>True when the command carries a valid signature for the key; compares in constant time.</summary>
    /// <param name="command">A parsed command.</param>
    /// <param name="key">Shared key, at least <see cref="MinKeyBytes"/> bytes.</param>
    /// <returns>Whether the signature is present and correct.</returns>
    public static bool Verify(DeviceCommand command, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(command);
        CheckKey(key);
        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (command.Signature is not { } signature
            || !Convert.TryFromBase64String(signature, claimed, out int length)
            || length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, CanonicalBytes(command), expected);
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"a command key needs at least {MinKeyBytes} bytes"), nameof(key));
        }
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        Span<byte> prefix = stackalloc byte[12];
        _ = Utf8Formatter.TryFormat(length, prefix, out int written);
        prefix[written++] = (byte)':';
        Append(buffer, prefix[..written]);
        written = Encoding.UTF8.GetBytes(value, buffer.GetSpan(length + 1));
        buffer.Advance(written);
        Append(buffer, "\n"u8);
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);
}
