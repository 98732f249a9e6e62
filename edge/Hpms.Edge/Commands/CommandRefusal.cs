namespace Hpms.Edge.Commands;

/// <summary>Why a command was not run: a reply error code (<see cref="Hpms.Protocols.Envelopes.CommandErrorCodes"/>) and a reason for the audit log.</summary>
/// <param name="ErrorCode">The reply's error code.</param>
/// <param name="Reason">Human-readable detail.</param>
public sealed record CommandRefusal(string ErrorCode, string Reason);
