namespace Hpms.Protocols.RegisterMaps;

/// <summary>
/// A register map failed to load. <see cref="Errors"/> lists every problem found, each naming the file,
/// the entry and the problem, e.g. <c>fridge.json: points[3] "temperature": scale must not be 0</c>.
/// </summary>
public sealed class RegisterMapException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public RegisterMapException()
        : this("Invalid register map.")
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The problem.</param>
    public RegisterMapException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public RegisterMapException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception from all problems found.</summary>
    /// <param name="errors">One line per problem, each starting with the source name.</param>
    /// <param name="innerException">The parser exception for malformed JSON, if any.</param>
    public RegisterMapException(IReadOnlyList<string> errors, Exception? innerException = null)
        : base(Format(errors), innerException)
    {
        Errors = [.. errors];
    }

    /// <summary>Every problem found, one per entry.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Format(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? errors[0]
            : $"{errors.Count} register map errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
    }
}
