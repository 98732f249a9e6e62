using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Commands;

/// <summary>The reply to one command message and where it goes when the message named no response topic.</summary>
/// <param name="Reply">The reply envelope.</param>
/// <param name="Topic">The command topic's levels (null when the message did not arrive on a command topic).</param>
public sealed record CommandOutcome(CommandReply Reply, CommandTopic? Topic);
