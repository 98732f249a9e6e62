namespace Hpms.Simulators.Scenarios;

/// <summary>An event kind a device class accepts, with its numeric parameters.</summary>
/// <param name="Kind">Kind name used in scenario files.</param>
/// <param name="Description">What it does (for the README and error messages).</param>
/// <param name="Duration">Whether a <c>for</c> duration is required, allowed or not allowed.</param>
/// <param name="Parameters">Accepted parameters.</param>
public sealed record EventSpec(string Kind, string Description, DurationRule Duration, params ParameterSpec[] Parameters);

/// <summary>A numeric event parameter.</summary>
/// <param name="Name">Key in the scenario file.</param>
/// <param name="Default">Value when absent.</param>
/// <param name="Min">Smallest allowed.</param>
/// <param name="Max">Largest allowed.</param>
public sealed record ParameterSpec(string Name, double Default, double Min, double Max);

/// <summary>Whether an event takes a <c>for</c> duration.</summary>
public enum DurationRule
{
    /// <summary>A one-off or a lasting change; <c>for</c> is refused.</summary>
    None,

    /// <summary><c>for</c> may be given; without it the event lasts to the end of the run.</summary>
    Optional,

    /// <summary><c>for</c> must be given.</summary>
    Required,
}
