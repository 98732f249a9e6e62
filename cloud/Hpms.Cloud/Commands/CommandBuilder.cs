using System.Security.Cryptography;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Commands;

/// <summary>Builds the signed envelope of a command: a fresh id and random nonce, issue and expiry times, the caller as issuer.</summary>
public static class CommandBuilder
{
    /// <summary>Builds and signs a command.</summary>
    /// <param name="name">Command name.</param>
    /// <param name="device">Target device.</param>
    /// <param name="args">Validated arguments.</param>
    /// <param name="issuer">The caller.</param>
    /// <param name="now">Issue time.</param>
    /// <param name="lifetime">Validity (at most <see cref="EnvelopeCodec.MaxCommandLifetime"/>).</param>
    /// <param name="key">The gateway's key.</param>
    /// <returns>The signed command.</returns>
    public static DeviceCommand Build(string name, string device, IReadOnlyDictionary<string, CommandArgument> args, string issuer, DateTimeOffset now, TimeSpan lifetime, ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, EnvelopeCodec.MaxCommandLifetime);
        long issued = now.ToUnixTimeMilliseconds();
        var command = new DeviceCommand(
            "cmd-" + Guid.NewGuid().ToString("N"),
            name,
            device,
            args,
            issued,
            issued + (long)lifetime.TotalMilliseconds,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            issuer);
        return CommandSigner.WithSignature(command, key);
    }
}
