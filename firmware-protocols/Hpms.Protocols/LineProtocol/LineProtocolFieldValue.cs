namespace Hpms.Protocols.LineProtocol;

/// <summary>A parsed field value: <see cref="Kind"/> says which property holds it.</summary>
/// <param name="Kind">Type of the value.</param>
/// <param name="Float">The value when <see cref="LineProtocolFieldKind.Float"/>.</param>
/// <param name="Integer">The value when <see cref="LineProtocolFieldKind.Integer"/>.</param>
/// <param name="UInteger">The value when <see cref="LineProtocolFieldKind.UInteger"/>.</param>
/// <param name="Boolean">The value when <see cref="LineProtocolFieldKind.Boolean"/>.</param>
/// <param name="Text">The value when <see cref="LineProtocolFieldKind.String"/>.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The line-protocol reference names its data types Float, Integer, UInteger, String and Boolean.")]
public readonly record struct LineProtocolFieldValue(LineProtocolFieldKind Kind, double Float, long Integer, ulong UInteger, bool Boolean, string? Text);
