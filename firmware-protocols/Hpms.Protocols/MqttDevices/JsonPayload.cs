using System.Globalization;
using System.Text.Json;

namespace Hpms.Protocols.MqttDevices;

/// <summary>
/// The untrusted-bytes gate every JSON payload codec shares: size limit, whole-payload UTF-8 check, a
/// depth-limited parse, and every failure turned into a result with a reason — never an exception.
/// </summary>
internal static class JsonPayload
{
    public static PayloadParseResult<T> Parse<T>(
        ReadOnlyMemory<byte> payload, string what, int maxBytes, JsonDocumentOptions options, Func<JsonElement, PayloadParseResult<T>> read)
        where T : class
    {
        if (payload.Length == 0)
        {
            return Fail<T>(what + ": empty payload");
        }

        if (payload.Length > maxBytes)
        {
            return Fail<T>(string.Create(CultureInfo.InvariantCulture, $"{what}: {payload.Length} bytes is over the {maxBytes}-byte limit"));
        }

        // JsonDocument checks UTF-8 inside strings only when they are read: refuse it here, whole.
        if (!System.Text.Unicode.Utf8.IsValid(payload.Span))
        {
            return Fail<T>(what + ": not valid UTF-8");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(payload, options);
            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            // Bad JSON (NaN, trailing garbage, bad escapes) and over-deep nesting land here.
            return Fail<T>(what + ": not valid JSON (" + ex.Message + ")");
        }
        catch (InvalidOperationException ex)
        {
            // Well-formed JSON whose string escapes do not make valid UTF-16 ("\ud800", a lone surrogate): the
            // document parses, but reading the string (GetString, a property name) throws. Found by fuzzing.
            return Fail<T>(what + ": a string is not valid Unicode (" + ex.Message + ")");
        }
    }

    public static PayloadParseResult<T> Fail<T>(string error)
        where T : class => new(null, error);
}
