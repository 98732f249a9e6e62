using System.Globalization;
using Hpms.Cloud.Security;
using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Commands;

/// <summary>The gateways' command keys, read once at start from the variables or files the options name.</summary>
public sealed class CommandKeys
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="CommandKeys"/> class.</summary>
    /// <param name="options">Command options.</param>
    public CommandKeys(IOptions<CommandOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach ((string gateway, CommandKeySource source) in options.Value.Keys)
        {
            if (TryRead(source, out byte[]? key, out _))
            {
                _keys[gateway] = key;
            }
        }
    }

    /// <summary>The key of a gateway.</summary>
    /// <param name="gateway">Gateway id.</param>
    /// <param name="key">Its key.</param>
    /// <returns>Whether one is configured.</returns>
    public bool TryGet(string gateway, out ReadOnlyMemory<byte> key)
    {
        bool found = _keys.TryGetValue(gateway, out byte[]? bytes);
        key = bytes ?? ReadOnlyMemory<byte>.Empty;
        return found;
    }

    /// <summary>Reads and checks one key.</summary>
    /// <param name="source">Where it is.</param>
    /// <param name="key">The key.</param>
    /// <param name="error">Why not (never the key's text).</param>
    /// <returns>Whether a usable key was read.</returns>
    public static bool TryRead(CommandKeySource source, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? key, out string? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        string where = SecretSource.Describe(source.KeyEnv, source.KeyFile);
        key = null;
        if (SecretSource.Read(source.KeyEnv, source.KeyFile) is not { } text)
        {
            error = "no key in " + where;
            return false;
        }

        byte[] buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out int length))
        {
            error = "the key in " + where + " is not base64";
            return false;
        }

        if (length < CommandSigner.MinKeyBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the key in {where} has {length} bytes; at least {CommandSigner.MinKeyBytes} are needed");
            return false;
        }

        key = buffer.AsSpan(0, length).ToArray();
        error = null;
        return true;
    }
}
