namespace Hpms.Edge.Rules;

/// <summary>What <see cref="RuleEngine.RestoreSnapshot"/> did with a snapshot.</summary>
public enum RuleSnapshotStatus
{
    /// <summary>The state was replaced by the snapshot's.</summary>
    Restored,

    /// <summary>Not a snapshot (bad JSON or shape); the state was left as it was.</summary>
    Malformed,

    /// <summary>A snapshot of another format version; the state was left as it was.</summary>
    UnsupportedVersion,
}
