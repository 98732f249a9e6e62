using System.Globalization;
using System.Text.Json;

namespace Hpms.Protocols.MqttDevices;

/// <summary>
/// Reads typed fields from one JSON object, remembering the first problem so a parser can read all
/// fields in a row and check once. Unknown fields are ignored (newer senders may add some).
/// </summary>
internal struct JsonFields(JsonElement element, string where, int item = -1)
{
    // An array item's label ("points[3]") is built only when there is a problem to name: parsers read thousands of
    // good items per second.
    private readonly string Where => item < 0 ? where : where + "[" + item.ToString(CultureInfo.InvariantCulture) + "]";

    public string? Error { get; private set; }

    public readonly bool IsObject => element.ValueKind == JsonValueKind.Object;

    public string Text(string name, int maxLength, bool required = true)
    {
        if (!Find(name, required, out JsonElement value))
        {
            return string.Empty;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail(name, "must be a string", string.Empty);
        }

        string text = value.GetString()!;
        return text.Length > maxLength
            ? Fail(name, string.Create(CultureInfo.InvariantCulture, $"is longer than {maxLength} characters"), string.Empty)
            : text;
    }

    public long Whole(string name, long min, long max, bool required = true) => WholeOrNull(name, min, max, required) ?? 0;

    public long? WholeOrNull(string name, long min, long max, bool required = false)
    {
        if (!Find(name, required, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            return Fail<long?>(name, "must be a whole number", null);
        }

        return number < min || number > max
            ? Fail<long?>(name, string.Create(CultureInfo.InvariantCulture, $"{number} is outside {min}..{max}"), null)
            : number;
    }

    /// <summary>A finite number in a range (JSON cannot spell NaN; a huge exponent would read as infinity).</summary>
    public double Number(string name, double min, double max, bool required = true)
    {
        if (!Find(name, required, out JsonElement value))
        {
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            return Fail(name, "must be a finite number", 0d);
        }

        return number < min || number > max
            ? Fail(name, string.Create(CultureInfo.InvariantCulture, $"{number} is outside {min}..{max}"), 0d)
            : number;
    }

    /// <summary>Refuses any property not in <paramref name="known"/>, or named twice (strict envelopes).</summary>
    public void RejectUnknown(ReadOnlySpan<string> known)
    {
        if (Error is not null || element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Span<bool> seen = stackalloc bool[known.Length];
        foreach (JsonProperty property in element.EnumerateObject())
        {
            int index = known.IndexOf(property.Name);
            if (index < 0 || seen[index])
            {
                Error = Where + "." + property.Name + (index < 0 ? ": is not a known field" : ": appears twice");
                return;
            }

            seen[index] = true;
        }
    }

    public bool Flag(string name, bool required = true)
    {
        if (!Find(name, required, out JsonElement value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Fail(name, "must be true or false", false),
        };
    }

    public JsonElement? Array(string name, int maxLength)
    {
        if (!Find(name, true, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Fail<JsonElement?>(name, "must be an array", null);
        }

        return value.GetArrayLength() > maxLength
            ? Fail<JsonElement?>(name, string.Create(CultureInfo.InvariantCulture, $"has more than {maxLength} entries"), null)
            : value;
    }

    public JsonFields Object(string name)
    {
        if (!Find(name, true, out JsonElement value))
        {
            return new JsonFields(default, Where + "." + name) { Error = Error };
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, "must be an object", 0);
            return new JsonFields(default, Where + "." + name) { Error = Error };
        }

        return new JsonFields(value, Where + "." + name);
    }

    /// <summary>Records a problem the caller found in a field's value.</summary>
    public void Reject(string name, string problem) => Error ??= Where + "." + name + ": " + problem;

    /// <summary>Adopts a nested object's first problem.</summary>
    public void Absorb(JsonFields nested) => Error ??= nested.Error;

    private bool Find(string name, bool required, out JsonElement value)
    {
        value = default;
        if (Error is not null || element.ValueKind != JsonValueKind.Object)
        {
            Error ??= Where + ": must be a JSON object";
            return false;
        }

        if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Error = Where + "." + name + ": is missing";
        }

        return false;
    }

    private T Fail<T>(string name, string problem, T fallback)
    {
        Error ??= Where + "." + name + ": " + problem;
        return fallback;
    }
}
