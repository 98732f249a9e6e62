namespace Hpms.Protocols.RegisterMaps;

/// <summary>What the edge may do with a point.</summary>
public enum RegisterAccess
{
    /// <summary>Polled, never written.</summary>
    Read,

    /// <summary>Polled and written (setpoints, lock coils).</summary>
    ReadWrite,

    /// <summary>Written only (command registers whose read-back is meaningless); never polled.</summary>
    Write,
}
