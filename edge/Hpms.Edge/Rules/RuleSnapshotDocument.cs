namespace Hpms.Edge.Rules;

/// <summary>The persisted form of a rule engine's state: every series' state under its key.</summary>
internal sealed class RuleSnapshotDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public Dictionary<string, SeriesState> Series { get; set; } = [];
}
