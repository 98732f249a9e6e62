namespace Hpms.Edge.Commands;

/// <summary>What the replay memory says about a command.</summary>
public enum ReplayVerdict
{
    /// <summary>First sight of its id and nonce; now remembered.</summary>
    Registered,

    /// <summary>Its id or its nonce was seen before.</summary>
    Replayed,

    /// <summary>The memory is full of unexpired entries; refused so nothing can be replayed by flooding.</summary>
    Full,
}
