namespace Hpms.Protocols.LineProtocol;

/// <summary>Why a line was refused.</summary>
/// <param name="LineNumber">1-based line number in the body.</param>
/// <param name="Reason">What is wrong.</param>
public readonly record struct LineProtocolParseError(int LineNumber, string Reason);
