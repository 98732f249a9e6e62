namespace Hpms.Protocols.LineProtocol;

/// <summary>Type of a line-protocol field value.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The line-protocol reference names its data types Float, Integer, UInteger, String and Boolean.")]
public enum LineProtocolFieldKind
{
    /// <summary>64-bit float (no suffix).</summary>
    Float,

    /// <summary>Signed 64-bit integer (<c>i</c> suffix).</summary>
    Integer,

    /// <summary>Unsigned 64-bit integer (<c>u</c> suffix).</summary>
    UInteger,

    /// <summary>Boolean (<c>t</c>, <c>true</c>, <c>F</c>, …).</summary>
    Boolean,

    /// <summary>Double-quoted string.</summary>
    String,
}
