using System.Globalization;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Commands;

/// <summary>The gateway's HMAC key for command signatures, read from an environment variable (base64).</summary>
/// <param name="Bytes">The key, empty when absent or invalid.</param>
/// <param name="Error">Why there is no usable key; null when there is one.</param>
public sealed record CommandKey(ReadOnlyMemory<byte> Bytes, string? Error)
{
    /// <summary>Gets a value indicating whether the key can verify signatures.</summary>
    public bool IsUsable => Error is null;

    /// <summary>Reads the key from the variable.</summary>
    /// <param name="variable">Environment variable name.</param>
    /// <returns>The key, or the reason there is none (never the key's text).</returns>
    public static CommandKey FromEnvironment(string variable) =>
        string.IsNullOrEmpty(variable) ? new(ReadOnlyMemory<byte>.Empty, "no variable named") : FromBase64(variable, Environment.GetEnvironmentVariable(variable));

    /// <summary>Decodes a base64 key.</summary>
    /// <param name="variable">Where it came from (for the message).</param>
    /// <param name="base64">The text, or null when unset.</param>
    /// <returns>The key, or the reason it is unusable.</returns>
    public static CommandKey FromBase64(string variable, string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return new(ReadOnlyMemory<byte>.Empty, $"environment variable {variable} is not set.");
        }

        byte[] bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out int length))
        {
            return new(ReadOnlyMemory<byte>.Empty, $"environment variable {variable} is not base64.");
        }

        return length < CommandSigner.MinKeyBytes
            ? new(ReadOnlyMemory<byte>.Empty, string.Create(CultureInfo.InvariantCulture, $"environment variable {variable} holds {length} bytes; a command key needs at least {CommandSigner.MinKeyBytes}."))
            : new(bytes.AsMemory(0, length), null);
    }
}
