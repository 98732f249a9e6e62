namespace Hpms.Protocols.LineProtocol;

/// <summary>One parsed line, names and values unescaped.</summary>
/// <param name="Measurement">Measurement.</param>
/// <param name="Tags">Tags in line order.</param>
/// <param name="Fields">Fields in line order.</param>
/// <param name="Timestamp">Timestamp in the body's precision, or null when the line has none.</param>
public sealed record LineProtocolPoint(
    string Measurement,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, LineProtocolFieldValue>> Fields,
    long? Timestamp)
{
    /// <summary>The value of a tag, or null.</summary>
    /// <param name="key">Tag key.</param>
    /// <returns>Its value.</returns>
    public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value;

    /// <summary>The value of a field, or null.</summary>
    /// <param name="key">Field key.</param>
    /// <returns>Its value.</returns>
    public LineProtocolFieldValue? Field(string key)
    {
        foreach (KeyValuePair<string, LineProtocolFieldValue> field in Fields)
        {
            if (field.Key == key)
            {
                return field.Value;
            }
        }

        return null;
    }
}
