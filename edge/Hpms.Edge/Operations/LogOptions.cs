namespace Hpms.Edge.Operations;

/// <summary>
/// Logging (configuration section <c>Serilog</c>): levels and the rolling file. Bound into these options and
/// applied in code, not read by Serilog.Settings.Configuration, so a trimmed gateway needs no assembly scanning.
/// </summary>
public sealed class LogOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Serilog";

    /// <summary>Gets or sets whether logs go to the console (on; a composition that runs several services in one console turns it off).</summary>
    public bool Console { get; set; } = true;

    /// <summary>Gets the minimum levels (default and per source).</summary>
    public LogLevelOptions MinimumLevel { get; } = new();

    /// <summary>Gets the rolling file (none when its path is empty); the console is always written.</summary>
    public LogFileOptions File { get; } = new();
}
