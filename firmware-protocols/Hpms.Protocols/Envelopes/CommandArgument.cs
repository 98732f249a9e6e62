using System.Globalization;

namespace Hpms.Protocols.Envelopes;

/// <summary>One command argument: a finite number or a string.</summary>
public readonly record struct CommandArgument
{
    private CommandArgument(double number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>Gets the string value, or null when the argument is a number.</summary>
    public string? Text { get; }

    /// <summary>Gets the number (0 when the argument is a string).</summary>
    public double Number { get; }

    /// <summary>Gets a value indicating whether the argument is a string.</summary>
    public bool IsText => Text is not null;

    /// <summary>A number argument.</summary>
    /// <param name="number">A finite number.</param>
    /// <returns>The argument.</returns>
    public static CommandArgument Of(double number) =>
        double.IsFinite(number) ? new(number, null) : throw new ArgumentOutOfRangeException(nameof(number), number, "must be finite");

    /// <summary>A string argument.</summary>
    /// <param name="text">The string.</param>
    /// <returns>The argument.</returns>
    public static CommandArgument Of(string text) => new(0, text ?? throw new ArgumentNullException(nameof(text)));

    /// <inheritdoc/>
    public override string ToString() => Text ?? Number.ToString("R", CultureInfo.InvariantCulture);
}
