namespace Hpms.Protocols.MqttDevices;

/// <summary>The outcome of parsing an untrusted payload: a value, or the reason it was refused.</summary>
/// <typeparam name="T">Message type.</typeparam>
/// <param name="Value">The message when parsing succeeded.</param>
/// <param name="Error">Why it was refused; null on success.</param>
public readonly record struct PayloadParseResult<T>(T? Value, string? Error)
    where T : class
{
    /// <summary>Gets a value indicating whether the payload was accepted.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

}
