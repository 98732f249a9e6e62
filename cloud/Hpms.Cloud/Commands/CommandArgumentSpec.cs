namespace Hpms.Cloud.Commands;

/// <summary>One argument a command takes: a number (optionally whole, within a range) or a short text.</summary>
/// <param name="Name">Argument name.</param>
/// <param name="IsText">Whether it is a string (else a number).</param>
/// <param name="Required">Whether it must be present.</param>
/// <param name="Min">Smallest number accepted.</param>
/// <param name="Max">Largest number accepted.</param>
/// <param name="Whole">Whether the number must be an integer.</param>
public sealed record CommandArgumentSpec(string Name, bool IsText, bool Required, double Min = double.MinValue, double Max = double.MaxValue, bool Whole = false)
{
    /// <summary>A number argument.</summary>
    /// <param name="name">Name.</param>
    /// <param name="required">Required.</param>
    /// <param name="min">Minimum.</param>
    /// <param name="max">Maximum.</param>
    /// <param name="whole">Integer only.</param>
    /// <returns>The spec.</returns>
    public static CommandArgumentSpec Number(string name, bool required = false, double min = double.MinValue, double max = double.MaxValue, bool whole = false) =>
        new(name, false, required, min, max, whole);

    /// <summary>A 0/1 switch.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The spec.</returns>
    public static CommandArgumentSpec Flag(string name) => new(name, false, false, 0, 1, true);

    /// <summary>A text argument.</summary>
    /// <param name="name">Name.</param>
    /// <param name="required">Required.</param>
    /// <returns>The spec.</returns>
    public static CommandArgumentSpec Text(string name, bool required = false) => new(name, true, required);
}
