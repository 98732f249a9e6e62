namespace Hpms.Protocols.LineProtocol;

/// <summary>The points of a line-protocol body and the lines that were refused.</summary>
/// <param name="Points">Accepted points, in body order.</param>
/// <param name="Errors">Refused lines (at most <see cref="LineProtocolParser.MaxErrors"/> are kept; <paramref name="ErrorCount"/> counts all).</param>
/// <param name="ErrorCount">How many lines were refused.</param>
public sealed record LineProtocolParseResult(IReadOnlyList<LineProtocolPoint> Points, IReadOnlyList<LineProtocolParseError> Errors, int ErrorCount);
