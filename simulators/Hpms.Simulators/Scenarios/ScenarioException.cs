namespace Hpms.Simulators.Scenarios;

/// <summary>A scenario file was refused; <see cref="Errors"/> lists every problem with file and entry.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The problem.</param>
    public ScenarioException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and a cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Creates the exception from collected problems.</summary>
    /// <param name="errors">Every problem found.</param>
    public ScenarioException(IReadOnlyList<string> errors)
        : base(errors is null || errors.Count == 0 ? "The scenario is invalid." : string.Join(Environment.NewLine, errors)) =>
        Errors = errors ?? [];

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
