namespace Hpms.Protocols.Envelopes;

/// <summary>
/// A command from the cloud to a device, on <c>hpms/v1/{site}/{gateway}/{device}/cmd/{name}</c>. The gateway
/// refuses it when expired, when its nonce was seen before, or when a signature is required and
/// <see cref="CommandSigner.Verify"/> fails.
/// </summary>
/// <param name="Id">Command id; the reply carries it.</param>
/// <param name="Name">Command name (e.g. <c>unlock</c>, <c>light</c>, <c>lockdown</c>, <c>setpoint</c>).</param>
/// <param name="Device">Target device id.</param>
/// <param name="Args">Arguments by name (numbers or strings, a few entries).</param>
/// <param name="IssuedUnixMs">When the cloud issued it, UTC ms.</param>
/// <param name="ExpiresUnixMs">After this instant it must not run, UTC ms.</param>
/// <param name="Nonce">Random, unique per command: replay protection.</param>
/// <param name="Issuer">Who issued it (user or service), for the audit log.</param>
/// <param name="Signature">Base64 HMAC-SHA256 over <see cref="CommandSigner.CanonicalBytes"/>, or null when unsigned.</param>
public sealed record DeviceCommand(
    string Id,
    string Name,
    string Device,
    IReadOnlyDictionary<string, CommandArgument> Args,
    long IssuedUnixMs,
    long ExpiresUnixMs,
    string Nonce,
    string Issuer,
    string? Signature = null);
