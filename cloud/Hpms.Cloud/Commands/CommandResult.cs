using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Commands;

/// <summary>What the API answers for a command that was sent.</summary>
/// <param name="Id">Command id (row of <c>commands</c>).</param>
/// <param name="Device">Device id.</param>
/// <param name="Name">Command name.</param>
/// <param name="Status">The stored status (<see cref="CommandStatus"/>).</param>
/// <param name="IssuedMs">Issue time, Unix ms.</param>
/// <param name="ExpiresMs">Expiry, Unix ms.</param>
/// <param name="Reply">The gateway's reply, or null.</param>
/// <param name="Error">Why it failed without a reply (publish error), or null.</param>
public sealed record CommandResult(string Id, string Device, string Name, string Status, long IssuedMs, long ExpiresMs, CommandReply? Reply, string? Error);
