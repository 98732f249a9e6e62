using System.Globalization;

namespace Hpms.Simulators.Scenarios;

/// <summary>
/// One timed happening of a scenario (door left open, compressor failure, filter clogging, a fault on
/// a line...). Parameters are numbers, checked against the event kind's declaration when the scenario
/// loads and filled with defaults, so a device model never meets a missing or out-of-range value.
/// </summary>
/// <param name="Kind">Event kind, e.g. <c>door-open</c>.</param>
/// <param name="Target">Device id or endpoint id.</param>
/// <param name="At">When it starts, as an offset from the scenario start (simulated time).</param>
/// <param name="Duration">How long it lasts; null for a one-off or a lasting change.</param>
/// <param name="Parameters">Numeric parameters, defaults filled in.</param>
/// <param name="Where">File and entry, for messages.</param>
public sealed record ScenarioEvent(
    string Kind,
    string Target,
    TimeSpan At,
    TimeSpan? Duration,
    IReadOnlyDictionary<string, double> Parameters,
    string Where)
{
    /// <summary>A declared parameter's value.</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>Its value (the default when the file did not give it).</returns>
    public double Number(string name) =>
        Parameters.TryGetValue(name, out double value)
            ? value
            : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"{Where}: event '{Kind}' has no parameter '{name}'; declare it in the device class."));
}
