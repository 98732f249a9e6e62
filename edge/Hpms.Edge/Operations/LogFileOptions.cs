using Serilog;

namespace Hpms.Edge.Operations;

/// <summary>The rolling log file.</summary>
public sealed class LogFileOptions
{
    /// <summary>Gets or sets the path (the date goes before the extension); empty writes no file.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets when a new file starts.</summary>
    public RollingInterval RollingInterval { get; set; } = RollingInterval.Day;

    /// <summary>Gets or sets how many files are kept.</summary>
    public int RetainedFileCountLimit { get; set; } = 14;

    /// <summary>Gets or sets the largest file, in bytes.</summary>
    public long FileSizeLimitBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Gets or sets whether a full file rolls to a new one (otherwise writing stops until the next interval).</summary>
    public bool RollOnFileSizeLimit { get; set; } = true;
}
