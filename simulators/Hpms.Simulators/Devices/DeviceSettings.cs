using System.Globalization;
using System.Text.Json;

namespace Hpms.Simulators.Devices;

/// <summary>
/// A device's (or event's) optional <c>settings</c> object from the scenario, read with defaults and
/// checked: every problem is collected with the entry's location so the loader can refuse the file
/// with all of them at once. Keys nobody asked for are reported by <see cref="ReportUnknown"/>.
/// </summary>
public sealed class DeviceSettings
{
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly string _where;
    private readonly List<string> _errors;

    /// <summary>Creates a reader over an optional JSON object.</summary>
    /// <param name="element">The object, or null when absent.</param>
    /// <param name="where">Location for messages (file and entry).</param>
    /// <param name="errors">Where problems are collected.</param>
    public DeviceSettings(JsonElement? element, string where, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        _where = where;
        _errors = errors;
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                _values[property.Name] = property.Value;
            }
        }
        else if (element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors.Add($"{where}: must be an object.");
        }
    }

    /// <summary>Gets an empty settings object (no errors possible).</summary>
    public static DeviceSettings Empty => new(null, string.Empty, []);

    /// <summary>Reads a number within a range.</summary>
    /// <param name="key">Key.</param>
    /// <param name="fallback">Value when absent.</param>
    /// <param name="min">Smallest allowed.</param>
    /// <param name="max">Largest allowed.</param>
    /// <returns>The value (the fallback after an error).</returns>
    public double Number(string key, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        _asked.Add(key);
        if (!_values.TryGetValue(key, out JsonElement value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            _errors.Add($"{_where}.{key}: must be a number.");
            return fallback;
        }

        if (number < min || number > max)
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{_where}.{key}: {number} is outside {min}..{max}."));
            return fallback;
        }

        return number;
    }

    /// <summary>Reads a whole number within a range.</summary>
    /// <param name="key">Key.</param>
    /// <param name="fallback">Value when absent.</param>
    /// <param name="min">Smallest allowed.</param>
    /// <param name="max">Largest allowed.</param>
    /// <returns>The value.</returns>
    public int WholeNumber(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        double number = Number(key, fallback, min, max);
        if (number != Math.Floor(number))
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{_where}.{key}: {number} must be a whole number."));
            return fallback;
        }

        return (int)number;
    }

    /// <summary>Reads a duration written as <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>).</summary>
    /// <param name="key">Key.</param>
    /// <param name="fallback">Value when absent.</param>
    /// <returns>The duration.</returns>
    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        _asked.Add(key);
        if (!_values.TryGetValue(key, out JsonElement value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.String
            && TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        _errors.Add($"{_where}.{key}: must be a non-negative duration \"hh:mm:ss\".");
        return fallback;
    }

    /// <summary>Reads a string.</summary>
    /// <param name="key">Key.</param>
    /// <param name="fallback">Value when absent.</param>
    /// <returns>The text.</returns>
    public string Text(string key, string fallback)
    {
        _asked.Add(key);
        if (!_values.TryGetValue(key, out JsonElement value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _errors.Add($"{_where}.{key}: must be a string.");
            return fallback;
        }

        return value.GetString()!;
    }

    /// <summary>Reads a boolean.</summary>
    /// <param name="key">Key.</param>
    /// <param name="fallback">Value when absent.</param>
    /// <returns>The flag.</returns>
    public bool Flag(string key, bool fallback)
    {
        _asked.Add(key);
        if (!_values.TryGetValue(key, out JsonElement value))
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            _errors.Add($"{_where}.{key}: must be true or false.");
            return fallback;
        }

        return value.GetBoolean();
    }

    /// <summary>Reads a raw element (arrays of bins and the like); the caller validates it.</summary>
    /// <param name="key">Key.</param>
    /// <returns>The element, or null when absent.</returns>
    public JsonElement? Element(string key)
    {
        _asked.Add(key);
        return _values.TryGetValue(key, out JsonElement value) ? value : null;
    }

    /// <summary>Adds a problem found by the caller while interpreting a value.</summary>
    /// <param name="key">Key.</param>
    /// <param name="problem">What is wrong.</param>
    public void Error(string key, string problem) => _errors.Add($"{_where}.{key}: {problem}");

    /// <summary>Reports keys that were never asked for (typos).</summary>
    public void ReportUnknown()
    {
        foreach (string key in _values.Keys.Where(k => !_asked.Contains(k)).Order(StringComparer.Ordinal))
        {
            _errors.Add($"{_where}.{key}: unknown setting.");
        }
    }
}
