using Serilog.Events;

namespace Hpms.Edge.Operations;

/// <summary>Minimum log levels: one default and overrides by source prefix (e.g. <c>Microsoft</c>).</summary>
public sealed class LogLevelOptions
{
    /// <summary>Gets or sets the level below which events are dropped.</summary>
    public LogEventLevel Default { get; set; } = LogEventLevel.Information;

    /// <summary>Gets the levels for sources whose name starts with the key.</summary>
    public Dictionary<string, LogEventLevel> Override { get; } = new(StringComparer.Ordinal);
}
